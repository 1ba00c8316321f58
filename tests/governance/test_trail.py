"""The audit trail through the service API: gate, outputs, decisions, verification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection, transaction

from mensenwerk.governance import checkpoints, rights, services, trail
from mensenwerk.governance.models import AIApplication, AuditEntry, AuditPayload, Overseer
from tests.trust import activate


def output(users, team, **extra) -> AuditEntry:
    return services.record_output(
        "cv-screening",
        engine="matcher",
        engine_version="1.0",
        params={"w": 2},
        subject=team["report"],
        input_data="cv text",
        output={"score": 0.87},
        explanation=["Heidenhain: met"],
        actor=users["recruiter"],
        **extra,
    )


@pytest.fixture
def screening(users):
    return activate("cv-screening", users["hr"])


def tamper(sql: str, params: list) -> None:
    """Rewrite a row as an attacker with owner rights would (the trigger switched off)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
            cursor.execute("ALTER TABLE governance_auditentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE governance_auditentry ENABLE TRIGGER USER")


@pytest.mark.django_db
def test_it_refuses_an_inactive_application_and_says_what_is_missing(users) -> None:
    with pytest.raises(services.ApplicationInactive) as caught:
        services.require_active("cv-screening")
    codes = {gap.code for gap in caught.value.gaps}
    assert codes == {"owner", "legal_basis", "dpia", "works_council", "overseer"}
    with pytest.raises(services.ApplicationInactive):
        services.record_output(
            "cv-screening",
            engine="m",
            engine_version="1",
            params={},
            subject=None,
            input_data="",
            output={},
            explanation="",
            actor=None,
        )
    assert not AuditEntry.objects.filter(kind="output").exists()


@pytest.mark.django_db
def test_it_needs_a_briefed_overseer_and_both_notices(users) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    app.owner, app.legal_basis = users["hr"], "6_1f"
    app.save()
    Overseer.objects.create(application=app, user=users["hr"])  # not briefed yet
    # limited risk, but it processes personal data: a DPIA question and the works council too
    assert {g.code for g in services.activation_gaps(app)} == {
        "notice",
        "overseer",
        "dpia",
        "works_council",
    }


@pytest.mark.django_db
def test_it_records_outputs_and_decisions_in_a_verifiable_chain(users, team, screening) -> None:
    out = output(users, team)
    assert out.subject.startswith("S-")
    assert "Daan" not in json.dumps(out.content)
    assert out.content["input_hash"] != "cv text"
    assert out.payload.data["output"]["score"] == 0.87
    services.decide(out, actor=users["recruiter"], decision="accept")
    with pytest.raises(services.TrustError):
        services.decide(out, actor=users["recruiter"], decision="reject")  # no reason
    services.decide(out, actor=users["manager"], decision="override", reason="Ervaring telt")
    verdict = trail.verify_trail()
    assert verdict.ok
    assert verdict.checked == AuditEntry.objects.count()
    stats = trail.decision_stats()["per_application"]["cv-screening"]
    assert stats["decisions"] == 2
    assert stats["acceptance_rate"] == 0.5


@pytest.mark.django_db
def test_it_names_a_tampered_entry(users, team, screening) -> None:
    entries = [output(users, team) for _ in range(4)]
    target = entries[1]
    content = {**target.content, "engine_version": "9.9"}
    tamper(
        "UPDATE governance_auditentry SET content = %s WHERE seq = %s",
        [json.dumps(content), target.seq],
    )
    verdict = trail.verify_trail()
    assert (verdict.ok, verdict.bad_seq, verdict.problem) == (False, target.seq, "modified")


@pytest.mark.django_db
def test_it_names_a_deleted_entry_including_the_last(users, team, screening) -> None:
    entries = [output(users, team) for _ in range(3)]
    AuditPayload.objects.filter(entry=entries[-1]).delete()
    tamper("DELETE FROM governance_auditentry WHERE seq = %s", [entries[-1].seq])
    verdict = trail.verify_trail()
    assert (verdict.ok, verdict.bad_seq, verdict.problem) == (False, entries[-1].seq, "deleted")


@pytest.mark.django_db
def test_it_detects_a_rewritten_payload(users, team, screening) -> None:
    out = output(users, team)
    AuditPayload.objects.filter(entry=out).update(data={"output": {"score": 0.1}})
    verdict = trail.verify_trail()
    assert (verdict.bad_seq, verdict.problem) == (out.seq, "payload_modified")


@pytest.mark.django_db
def test_it_signs_a_checkpoint_and_proves_the_log_since(
    users, team, screening, tmp_path: Path
) -> None:
    key = tmp_path / "key.pem"
    checkpoints.generate_checkpoint_key(key)
    trusted = checkpoints.public_key_pem(key.read_bytes())
    first = output(users, team)
    checkpoint = checkpoints.make_checkpoint(key.read_bytes())
    output(users, team)  # appending after the checkpoint is fine
    assert checkpoints.verify_checkpoint(checkpoint, trusted).ok
    forged = {**checkpoint, "seq": checkpoint["seq"] - 1}
    with pytest.raises(services.TrustError):
        checkpoints.verify_checkpoint(forged, trusted)
    # a rewrite of history that also fixes every later hash still breaks the signed head
    tamper("UPDATE governance_auditentry SET hash = %s WHERE seq = %s", ["f" * 64, first.seq])
    assert not checkpoints.verify_checkpoint(checkpoint, trusted).ok


def _rewrite_chain_from(seq: int) -> None:
    """What an attacker with write access does: recompute every hash from ``seq`` on and the
    head, so the chain itself verifies again."""
    from mensenwerk.engines import chain
    from mensenwerk.governance.models import ChainHead

    prev = AuditEntry.objects.get(seq=seq - 1).hash if seq > 1 else chain.GENESIS
    for row in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        digest = chain.entry_hash(row.seq, prev, row.content)
        tamper(
            "UPDATE governance_auditentry SET prev_hash = %s, hash = %s WHERE seq = %s",
            [prev, digest, row.seq],
        )
        prev = digest
    ChainHead.objects.filter(pk=1).update(hash=prev)


@pytest.mark.django_db
def test_a_checkpoint_signed_with_another_key_does_not_hold(
    users, team, screening, tmp_path: Path
) -> None:
    from django.core.management import CommandError, call_command

    key = tmp_path / "dpo.pem"
    call_command("audit", "checkpoint", "--key", str(key), "--out", str(tmp_path / "cp.json"))
    trusted = tmp_path / "dpo.pem.pub"
    assert trusted.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    target = output(users, team)
    output(users, team)
    call_command(
        "audit", "checkpoint", "--key", str(key), "--out", str(tmp_path / "cp2.json")
    )  # the real checkpoint covers the target
    # the attacker rewrites the target's content, re-chains, and signs with a key of their own
    content = {**target.content, "engine_version": "forged"}
    tamper(
        "UPDATE governance_auditentry SET content = %s WHERE seq = %s",
        [json.dumps(content), target.seq],
    )
    _rewrite_chain_from(target.seq)
    assert trail.verify_trail().ok  # the chain alone cannot tell
    attacker = tmp_path / "attacker.pem"
    call_command("audit", "checkpoint", "--key", str(attacker), "--out", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="trusted-key"):
        call_command("audit", "verify", "--checkpoint", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="not signed by the trusted key"):
        call_command(
            "audit",
            "verify",
            "--checkpoint",
            str(tmp_path / "x.json"),
            "--trusted-key",
            str(trusted),
        )
    with pytest.raises(SystemExit):  # the honest checkpoint no longer matches the rewrite
        call_command(
            "audit",
            "verify",
            "--checkpoint",
            str(tmp_path / "cp2.json"),
            "--trusted-key",
            str(trusted),
        )


@pytest.mark.django_db
def test_a_payload_blanked_by_hand_fails_verification(users, team, screening) -> None:
    out = output(users, team)
    decision = services.decide(out, actor=users["recruiter"], decision="reject", reason="Te ver")
    # an attacker suppresses the reason and marks the payload as if it were erased
    tamper(
        "UPDATE governance_auditpayload SET data = NULL, erased_at = %s, erased_reason = %s "
        "WHERE entry_id = %s",
        ["2026-11-01 10:00:00", "erasure", decision.pk],
    )
    verdict = trail.verify_trail()
    assert verdict.ok is False
    assert (verdict.bad_seq, verdict.problem) == (decision.seq, "erased_unrecorded")


@pytest.mark.django_db
def test_an_erasure_through_the_service_is_named_by_a_chained_event(users, team, screening) -> None:
    out = output(users, team)
    services.decide(out, actor=users["recruiter"], decision="reject", reason="Te ver")
    erased = rights.erase_payloads(subject=out.subject, reason="erasure", actor=users["dpo"])
    assert erased == 2
    event = AuditEntry.objects.get(content__event="payloads_erased")
    assert event.content["erased_seqs"] == [[out.seq, out.seq + 1]]
    assert event.actor == f"user:{users['dpo'].pk}"
    assert trail.verify_trail().ok
    assert rights.erase_payloads(subject=out.subject, reason="erasure") == 0  # nothing twice


@pytest.mark.django_db
def test_it_forbids_update_and_delete_in_postgresql(users, team, screening) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    out = output(users, team)
    from django.db import DatabaseError

    for statement in (
        "UPDATE governance_auditentry SET actor = 'x' WHERE seq = %s",
        "DELETE FROM governance_auditentry WHERE seq = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [out.seq])


@pytest.mark.django_db
def test_it_records_nothing_when_the_callers_transaction_fails(users, team, screening) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        output(users, team)
        raise RuntimeError("crash after the AI output")
    assert AuditEntry.objects.count() == before
    assert trail.verify_trail().ok


@pytest.mark.django_db
def test_it_stops_immediately_on_deactivation_with_a_reason(users, team, screening) -> None:
    with pytest.raises(services.TrustError):
        services.do_deactivate(screening, users["hr"], "  ")
    services.do_deactivate(screening, users["hr"], "Afwijkende scores gemeld")
    with pytest.raises(services.ApplicationInactive):
        output(users, team)
    assert AuditEntry.objects.filter(content__event="application_deactivated").exists()


@pytest.mark.django_db
def test_the_cli_names_the_tampered_entry_and_alerts_the_dpo(
    users, team, screening, mailoutbox
) -> None:
    from django.core.management import call_command

    users["dpo"].email = "fg@example.nl"
    users["dpo"].save()
    entries = [output(users, team) for _ in range(3)]
    call_command("audit", "verify")  # intact: returns normally
    tamper("UPDATE governance_auditentry SET actor = %s WHERE seq = %s", ["user:0", entries[0].seq])
    with pytest.raises(SystemExit) as stopped:
        call_command("audit", "verify", "--alert")
    assert stopped.value.code == 1
    assert mailoutbox[0].to == ["fg@example.nl"]
    assert str(entries[0].seq) in mailoutbox[0].body
