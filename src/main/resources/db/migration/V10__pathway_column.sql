-- More than one cancer pathway on one engine (issue 31): every code, breach, referral, additional referral and code
-- correction names the pathway it belongs to, by the pathway's identifier, its code prefix as the national coding guide
-- names pathways ("A32", "A12"). Every row written before belongs to the oesophageal and gastric cancer pathway (A32),
-- the only one there was; the default keeps it so for a writer that does not name one. SQL that H2 and PostgreSQL both
-- accept.

alter table pathway_code add column pathway varchar(8) default 'A32' not null;
alter table pathway_breach add column pathway varchar(8) default 'A32' not null;
alter table referral add column pathway varchar(8) default 'A32' not null;
alter table additional_referral add column pathway varchar(8) default 'A32' not null;
alter table pathway_code_correction add column pathway varchar(8) default 'A32' not null;

-- GET /api/codes?pathway=: the codes of one pathway in a period, and the codes withdrawn with a date in it
create index ix_pathway_code_pathway_date on pathway_code (pathway, code_date);
create index ix_code_correction_pathway_old_date on pathway_code_correction (pathway, old_date);

-- One active pathway per patient per pathway: the intake looks for the patient's running pathway of the same kind
-- (intake.ReferralRegistry.activeOf); the index on the national id alone is covered by this one
create index ix_referral_national_id_pathway on referral (national_id, pathway);
drop index ix_referral_national_id;
