"""On PostgreSQL the audit trail refuses UPDATE and DELETE at the database level.

TRUNCATE stays possible for the table owner (Django's test flush needs it); the hash
chain and signed checkpoints reveal a truncated or rewritten trail.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION mensenwerk_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER governance_auditentry_append_only
    BEFORE UPDATE OR DELETE ON governance_auditentry
    FOR EACH ROW EXECUTE FUNCTION mensenwerk_audit_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS governance_auditentry_append_only ON governance_auditentry;
DROP FUNCTION IF EXISTS mensenwerk_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)  # the % in RAISE is not a placeholder


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
