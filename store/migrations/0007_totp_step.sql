-- The last TOTP time step an account signed in with: a code is accepted once, so one read
-- over a shoulder or from a screen cannot be typed again within its 90-second window.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
