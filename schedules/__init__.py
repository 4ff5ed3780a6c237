"""Time rules: due times, reminders and escalation (督办), digests (通报), and what wakes them."""
