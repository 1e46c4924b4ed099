-- whitelabel_settings.texts by product: {"payment": {...}, "sharing": {...}, "dashboard": {...}}.
-- The texts set before there were products are the payment screens'; they move under "payment".
update whitelabel_settings
   set texts = jsonb_build_object('payment', texts)
 where texts <> '{}'::jsonb
   and not (texts ?| array['payment', 'sharing', 'dashboard']);
