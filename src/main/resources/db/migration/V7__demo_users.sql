-- The users the demo profile created (tasklist.DemoUsers), by id: a start without the profile removes exactly these
-- (tasklist.DemoUsersRemoval), whatever their name or e-mail has been changed to since. SQL that H2 and PostgreSQL
-- both accept.

create table demo_user (
  user_id    varchar(128) primary key,
  created_at timestamp with time zone not null
);
