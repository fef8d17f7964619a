"""cognito-idp classic hosted UI customization, which moto lacks.

Adds ``SetUICustomization`` and ``GetUICustomization`` as the Amazon Cognito API reference
describes them:

* ClientId ``ALL`` (or none) sets the customization of every client; a client ID sets that
  client's, which then takes precedence over ``ALL`` for it.
* The request replaces the customization: a call without CSS and ImageFile resets it.
* The pool needs a domain (InvalidParameterException); a client ID must be one of the pool's
  (ResourceNotFoundException); CSS is at most 131072 characters and the image a PNG or JPEG
  of at most 100 KB (InvalidParameterException).
* GetUICustomization of a client without its own answers the ``ALL`` one, with ClientId ``ALL``
  (as the reference's examples show: the answer says whose it is); AWS returns an ImageUrl,
  never the bytes, so the URL here names a digest of the image.

State lives on moto's pool object (``ui_customizations``), so ``POST /moto-api/reset`` and
DeleteUserPool clear it. Call ``register()`` once before the server starts (idempotent).
"""

from __future__ import annotations

import base64
import hashlib
import time
from typing import Any

from moto.cognitoidp.exceptions import InvalidParameterException as IdpInvalidParameter
from moto.cognitoidp.exceptions import ResourceNotFoundError
from moto.cognitoidp.models import CognitoIdpBackend
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult

from cognito_extensions import _constraint_message

ALL_CLIENTS = "ALL"
MAX_CSS = 131072
MAX_IMAGE_BYTES = 100 * 1024
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"

_registered = False


def _check(self: CognitoIdpBackend, user_pool_id: str, client_id: str, css: str | None, image: bytes | None) -> Any:
    pool = self.describe_user_pool(user_pool_id)
    if client_id != ALL_CLIENTS and client_id not in pool.clients:
        raise ResourceNotFoundError(client_id)
    if pool.domain is None:
        raise IdpInvalidParameter("There has to be an existing domain associated with this user pool")
    if css is not None and len(css) > MAX_CSS:
        raise IdpInvalidParameter(_constraint_message(css[:20] + "...", "css", f"Member must have length less than or equal to {MAX_CSS}"))
    if image is not None:
        if len(image) > MAX_IMAGE_BYTES:
            raise IdpInvalidParameter(f"The image file is larger than the maximum of {MAX_IMAGE_BYTES} bytes.")
        if not (image.startswith(PNG) or image.startswith(JPEG)):
            raise IdpInvalidParameter("The image file must be a PNG or JPEG image.")
    return pool


def _answer(pool: Any, user_pool_id: str, client_id: str, entry: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"UserPoolId": user_pool_id, "ClientId": client_id}
    if entry:
        out.update({k: v for k, v in entry.items() if v is not None})
    return out


def set_ui_customization(self: CognitoIdpBackend, user_pool_id: str, client_id: str | None, css: str | None, image: bytes | None) -> dict[str, Any]:
    client_id = client_id or ALL_CLIENTS
    pool = _check(self, user_pool_id, client_id, css, image)
    store: dict[str, dict[str, Any]] = pool.__dict__.setdefault("ui_customizations", {})
    now = time.time()
    created = store.get(client_id, {}).get("CreationDate", now)
    image_url = None
    if image is not None:
        digest = hashlib.sha256(image).hexdigest()
        image_url = f"https://{pool.domain.domain}.auth.{self.region_name}.amazoncognito.com/ui-images/{digest}"
    store[client_id] = {
        "CSS": css,
        "CSSVersion": hashlib.sha256((css or "").encode()).hexdigest()[:16] if css is not None else None,
        "ImageUrl": image_url,
        "CreationDate": created,
        "LastModifiedDate": now,
    }
    return _answer(pool, user_pool_id, client_id, store[client_id])


def get_ui_customization(self: CognitoIdpBackend, user_pool_id: str, client_id: str | None) -> dict[str, Any]:
    client_id = client_id or ALL_CLIENTS
    pool = self.describe_user_pool(user_pool_id)
    if client_id != ALL_CLIENTS and client_id not in pool.clients:
        raise ResourceNotFoundError(client_id)
    store: dict[str, dict[str, Any]] = getattr(pool, "ui_customizations", {})
    if client_id in store:
        return _answer(pool, user_pool_id, client_id, store[client_id])
    return _answer(pool, user_pool_id, ALL_CLIENTS, store.get(ALL_CLIENTS))


def set_ui_customization_response(self: CognitoIdpResponse) -> ActionResult:
    image = self._get_param("ImageFile")
    raw = base64.b64decode(image) if image is not None else None
    answer = self.backend.set_ui_customization(self._get_param("UserPoolId"), self._get_param("ClientId"), self._get_param("CSS"), raw)
    return ActionResult({"UICustomization": answer})


def get_ui_customization_response(self: CognitoIdpResponse) -> ActionResult:
    answer = self.backend.get_ui_customization(self._get_param("UserPoolId"), self._get_param("ClientId"))
    return ActionResult({"UICustomization": answer})


def register() -> None:
    """Attach the operations to moto's classes. Safe to call more than once."""
    global _registered
    if _registered:
        return
    _registered = True
    CognitoIdpBackend.set_ui_customization = set_ui_customization  # type: ignore[attr-defined]
    CognitoIdpBackend.get_ui_customization = get_ui_customization  # type: ignore[attr-defined]
    CognitoIdpResponse.set_ui_customization = set_ui_customization_response  # type: ignore[attr-defined]
    CognitoIdpResponse.get_ui_customization = get_ui_customization_response  # type: ignore[attr-defined]
