"""mensenwerk audit verify|checkpoint|export"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mensenwerk.governance import checkpoints, services, trail


class Command(BaseCommand):
    help = "Verify, checkpoint or export the audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="walk the hash chain; exit 1 on the first bad entry")
        verify.add_argument("--checkpoint", type=Path, help="a signed checkpoint file to prove")
        verify.add_argument(
            "--trusted-key",
            type=Path,
            help="the public key (KEY.pem.pub) the checkpoint must be signed with",
        )
        verify.add_argument(
            "--alert",
            action="store_true",
            help="e-mail the DPO when the check fails (for the nightly run)",
        )
        point = sub.add_parser("checkpoint", help="write a signed checkpoint of the chain head")
        point.add_argument(
            "--key",
            type=Path,
            required=True,
            help="Ed25519 private key (PEM); created when the file does not exist",
        )
        point.add_argument("--out", type=Path, required=True)
        export = sub.add_parser("export", help="export entries for auditors")
        export.add_argument("--format", choices=["csv", "json"], default="json")
        export.add_argument("--since", type=date.fromisoformat, help="YYYY-MM-DD")
        export.add_argument("--application", default="", help="register slug")

    def handle(self, *args: object, action: str, **options: object) -> None:
        getattr(self, f"do_{action}")(**options)

    def do_verify(
        self,
        checkpoint: Path | None = None,
        trusted_key: Path | None = None,
        alert: bool = False,
        **_: object,
    ) -> None:
        if checkpoint and not trusted_key:
            # the key inside a checkpoint proves nothing: an attacker signs with their own
            raise CommandError("--checkpoint needs --trusted-key KEY.pem.pub")
        try:
            if checkpoint and trusted_key:
                data = json.loads(checkpoint.read_text())
                verdict = checkpoints.verify_checkpoint(data, trusted_key.read_bytes())
            else:
                verdict = trail.verify_trail()
        except (OSError, ValueError, services.TrustError) as exc:
            raise CommandError(f"cannot verify: {exc}") from None
        if not verdict.ok:
            if alert:
                trail.alert_dpo(verdict)
            self.stderr.write(
                f"audit trail NOT intact: entry {verdict.bad_seq} was {verdict.problem} "
                f"({verdict.checked} entries verified before it)"
            )
            sys.exit(1)
        suffix = f"; checkpoint at entry {data['seq']} holds" if checkpoint else ""
        self.stdout.write(
            f"audit trail intact: {verdict.checked} entries, head {verdict.head_hash[:16]}…{suffix}"
        )

    def do_checkpoint(self, key: Path, out: Path, **_: object) -> None:
        if not key.exists():
            checkpoints.generate_checkpoint_key(key)
            self.stdout.write(f"created a new Ed25519 key in {key}; keep it away from the server")
        try:
            checkpoint = checkpoints.make_checkpoint(key.read_bytes())
        except (ValueError, services.TrustError) as exc:
            raise CommandError(str(exc)) from None
        out.write_text(json.dumps(checkpoint, indent=2))
        public = key.with_name(key.name + ".pub")
        public.write_bytes(checkpoints.public_key_pem(key.read_bytes()))
        self.stdout.write(f"checkpoint of entry {checkpoint['seq']} written to {out}")
        self.stdout.write(f"public key in {public}: verify with --trusted-key {public}")

    def do_export(self, format: str, since: date | None, application: str, **_: object) -> None:
        rows = trail.export_trail(since, application)
        if format == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        self.stdout.write(trail.trail_csv(rows), ending="")
