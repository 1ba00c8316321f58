"""Trails written before erasures were chained: name their blanked payloads once.

From now on ``audit verify`` fails on a blanked payload that no chained ``payloads_erased``
event names. Payloads blanked by earlier versions get one such event, reason ``upgrade``, so
an existing trail still verifies; anything blanked by hand after this upgrade does not.
"""

from django.db import migrations
from django.utils import timezone

from mensenwerk.engines import chain


def forward(apps, schema_editor):
    entries = apps.get_model("governance", "AuditEntry")
    payloads = apps.get_model("governance", "AuditPayload")
    heads = apps.get_model("governance", "ChainHead")
    seqs = list(
        payloads.objects.filter(erased_at__isnull=False)
        .order_by("entry__seq")
        .values_list("entry__seq", flat=True)
    )
    if not seqs:
        return
    head, _created = heads.objects.get_or_create(pk=1)
    now = timezone.now()
    content = {
        "kind": "event",
        "application": "",
        "subject": "",
        "actor": "system",
        "at": now.isoformat(timespec="microseconds"),
        "event": chain.ERASURE_EVENT,
        "reason": "upgrade",
        "erased_seqs": chain.seq_ranges(seqs),
    }
    seq = head.seq + 1
    digest = chain.entry_hash(seq, head.hash, content)
    entries.objects.create(
        seq=seq,
        kind="event",
        application="",
        subject="",
        actor="system",
        content=content,
        prev_hash=head.hash,
        hash=digest,
        created_at=now,
    )
    head.seq, head.hash = seq, digest
    head.save(update_fields=["seq", "hash"])


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_audit_append_only")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
