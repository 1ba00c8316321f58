"""Signed checkpoints of the trail's head, so a rewrite of the whole database is detectable."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django.utils import timezone

from mensenwerk.engines import chain
from mensenwerk.governance.errors import TrustError
from mensenwerk.governance.models import AuditEntry
from mensenwerk.governance.trail import verify_trail


def make_checkpoint(private_key_pem: bytes) -> dict[str, Any]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(private_key_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TrustError("the checkpoint key must be an Ed25519 private key (PEM)")
    verdict = verify_trail()
    if not verdict.ok:
        raise TrustError(f"the trail does not verify (entry {verdict.bad_seq}: {verdict.problem})")
    message = chain.checkpoint_message(verdict.head_seq, verdict.head_hash)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return {
        "seq": verdict.head_seq,
        "head": verdict.head_hash,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "signature": base64.b64encode(key.sign(message)).decode(),
        "public_key": public.decode(),
    }


def verify_checkpoint(checkpoint: dict[str, Any], trusted_key_pem: bytes) -> chain.Verdict:
    """The log still holds, unchanged, the entries up to the signed head.

    The signature is checked against ``trusted_key_pem`` only (the ``.pub`` file written
    next to the signing key, kept off the server). The public key inside the checkpoint is
    ignored: whoever rewrites the chain can sign a checkpoint with a key of their own.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public = serialization.load_pem_public_key(trusted_key_pem)
    except (ValueError, TypeError):
        raise TrustError("the trusted key is not a PEM public key") from None
    if not isinstance(public, Ed25519PublicKey):
        raise TrustError("the trusted key must be an Ed25519 public key (PEM)")
    try:
        seq, head = int(checkpoint["seq"]), str(checkpoint["head"])
        public.verify(
            base64.b64decode(checkpoint["signature"]), chain.checkpoint_message(seq, head)
        )
    except (KeyError, ValueError, TypeError, InvalidSignature) as exc:
        raise TrustError(
            f"the checkpoint is not signed by the trusted key ({type(exc).__name__})"
        ) from None
    verdict = verify_trail()
    if not verdict.ok:
        return verdict
    row = AuditEntry.objects.filter(seq=seq).first()
    if seq and (row is None or row.hash != head):
        return chain.Verdict(
            False, verdict.checked, verdict.head_seq, verdict.head_hash, seq, "checkpoint"
        )
    return verdict


def public_key_pem(private_key_pem: bytes) -> bytes:
    """The PEM public key of an Ed25519 private key (what auditors verify checkpoints with)."""
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private_key_pem, password=None)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def generate_checkpoint_key(path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.write_bytes(pem)
    path.chmod(0o600)
