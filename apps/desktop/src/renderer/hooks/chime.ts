/*
 * The new-order sound: two soft rising tones made with Web Audio, so no sound file ships and nothing loads from
 * the network. Browsers only allow sound after the page was touched once; staff always have (the PIN pad).
 */
let ctx: AudioContext | null = null;

export function playChime(): void {
  try {
    ctx ??= new AudioContext();
    const start = ctx.currentTime + 0.02;
    [660, 880].forEach((freq, i) => {
      const c = ctx as AudioContext;
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t = start + i * 0.18;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
      osc.connect(gain).connect(c.destination);
      osc.start(t);
      osc.stop(t + 0.4);
    });
  } catch {
    // no audio device (a headless kiosk): the on-screen notice still shows
  }
}
