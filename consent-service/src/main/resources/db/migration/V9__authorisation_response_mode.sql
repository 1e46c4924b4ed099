-- How the bank answers the authorisation: 'jwt' (JARM: one signed JWT, code flow) or null (the hybrid
-- flow's code and id_token in the fragment). Kept with the request so that a return in another form
-- than the one asked for is refused.
alter table authorisation add column response_mode varchar(16);
