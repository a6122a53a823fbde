-- What the coordinator answered on the breach's follow-up task: why the standard time was breached and
-- what was done. Kept with the breach, one row per interval and pathway, so reports can use it.
alter table pathway_breach add column follow_up_cause varchar(32);
alter table pathway_breach add column follow_up_note varchar(1000);
alter table pathway_breach add column followed_up_at timestamp with time zone;
alter table pathway_breach add column followed_up_by varchar(128);
