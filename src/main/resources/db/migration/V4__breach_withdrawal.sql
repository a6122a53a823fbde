-- A breach alert that stays true: when a date registered later shows that the interval was met after all, or
-- the interval turns out not to apply (A32FL, FO, FI, CM, CA, CI), the breach is withdrawn, not deleted, so
-- what the coordinator was told and why it was taken back both stay on record. SQL that H2 and PostgreSQL accept.
alter table pathway_breach add column withdrawn_at timestamp with time zone;
alter table pathway_breach add column withdrawn_reason varchar(32);
