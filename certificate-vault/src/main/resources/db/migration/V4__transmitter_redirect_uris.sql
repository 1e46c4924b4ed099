-- The redirect URIs the partner's client has at the transmitter (space-separated; URIs hold no
-- spaces): those registered by DCR, or given with a client id set by hand. Platform services
-- choose the one to push an authorisation with from them.
alter table transmitter_registration add column redirect_uris varchar(8192);
