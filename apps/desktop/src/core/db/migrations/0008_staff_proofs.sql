-- the marketplace's proof that a staff member typed their PIN at this counter (staff.verifyPin), one per person,
-- replaced by each newer one: sent with calls that need that person's role, and with sync pushes of their edits
CREATE TABLE `staff_proofs` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`expires_at` text NOT NULL,
	`sync_expires_at` text NOT NULL,
	`received_at` text NOT NULL
);
