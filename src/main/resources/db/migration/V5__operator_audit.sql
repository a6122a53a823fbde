-- What an operator (camunda-admin) did to a pathway outside its tasks, with the state before and after
-- (security.OperatorAudit). The values stay here, never in the application log.
create table operator_audit (
  id varchar(36) primary key,
  at timestamp not null,
  user_id varchar(255) not null,
  action varchar(255) not null,
  target varchar(4000),
  old_value varchar(4000),
  new_value varchar(4000)
);
create index operator_audit_at on operator_audit (at);
