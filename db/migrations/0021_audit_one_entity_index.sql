-- audit_log_entity_action_idx (entity, entity_id, action, at) serves lookups by (entity, entity_id) alone as well:
-- the separate index on that prefix only cost every audit entry (several per filing) one more index write.
DROP INDEX "audit_log_entity_idx";
