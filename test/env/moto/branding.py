"""Managed login branding for the emulator: moto (pinned in requirements.txt) has none of it.

Added, following the Amazon Cognito API reference (CreateManagedLoginBranding,
DescribeManagedLoginBranding, DescribeManagedLoginBrandingByClient,
UpdateManagedLoginBranding, DeleteManagedLoginBranding, ManagedLoginBrandingType, AssetType):

* A style belongs to one app client of a pool; a second one for the same client is refused
  (ManagedLoginBrandingExistsException). A pool or client that does not exist, and a style ID
  the pool lacks, answer ResourceNotFoundException.
* ``UseCognitoProvidedValues: true`` "must omit values for Settings and Assets": giving them
  too is an InvalidParameterException. On update it reverts the style to Cognito's defaults:
  no custom settings, no assets.
* Update "preserves existing style settings that you don't specify": Settings left out keep
  the style's settings, Assets left out keep its assets; a given Assets list (empty included)
  replaces the whole list, a given Settings document replaces the settings.
* Assets: at most 40 (ManagedLoginBrandingType), Category / ColorMode / Extension from the
  AssetCategoryType / ColorSchemeModeType / AssetExtensionType enums, Bytes at most 1,000,000
  bytes once decoded; two assets of one category and color mode are refused. Violations get
  the service's "1 validation error detected" wording (InvalidParameterException).
* Deleting an app client deletes its style (a style is "linked to an app client until you
  delete it").

State lives on moto's pool object (``managed_login_brandings``: style ID → style), so
``POST /moto-api/reset`` clears it with the pool. Bytes arrive as the base64 text of the JSON
protocol and are kept decoded: moto's serializer encodes blobs in its answers.

Left unlike AWS: ``ReturnMergedResources: true`` answers the same as false (the emulator has
no default style to merge in), and Settings is stored as given, not checked against the
branding editor's document schema.
"""

from __future__ import annotations

import base64
import binascii
import time
import uuid
from typing import Any

from moto.cognitoidp.exceptions import InvalidParameterException as IdpInvalidParameter
from moto.cognitoidp.exceptions import ResourceNotFoundError as IdpNotFound
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult

# ManagedLoginBrandingType: "Maximum number of 40 items"; AssetType Bytes: "Maximum length of 1000000".
MAX_ASSETS = 40
MAX_ASSET_BYTES = 1_000_000

ASSET_CATEGORIES = {
    "FAVICON_ICO", "FAVICON_SVG", "EMAIL_GRAPHIC", "SMS_GRAPHIC", "AUTH_APP_GRAPHIC",
    "PASSWORD_GRAPHIC", "PASSKEY_GRAPHIC", "PAGE_HEADER_LOGO", "PAGE_HEADER_BACKGROUND",
    "PAGE_FOOTER_LOGO", "PAGE_FOOTER_BACKGROUND", "PAGE_BACKGROUND", "FORM_BACKGROUND",
    "FORM_LOGO", "IDP_BUTTON_ICON",
}
COLOR_MODES = {"LIGHT", "DARK", "DYNAMIC"}
ASSET_EXTENSIONS = {"ICO", "JPEG", "PNG", "SVG", "WEBP"}


class ManagedLoginBrandingExists(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("ManagedLoginBrandingExistsException", message)


def _validation(value: Any, field: str, constraint: str) -> IdpInvalidParameter:
    shown = "null" if value is None else f"'{value}'"
    return IdpInvalidParameter(
        f"1 validation error detected: Value {shown} at '{field}' failed to satisfy constraint: {constraint}"
    )


def _enum(value: Any, allowed: set[str], field: str) -> None:
    if value not in allowed:
        raise _validation(value, field, f"Member must satisfy enum value set: [{', '.join(sorted(allowed))}]")


def _check_assets(assets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(assets) > MAX_ASSETS:
        raise _validation(f"{len(assets)} items", "assets", f"Member must have length less than or equal to {MAX_ASSETS}")
    seen: set[tuple[str, str]] = set()
    checked = []
    for i, asset in enumerate(assets, start=1):
        _enum(asset.get("Category"), ASSET_CATEGORIES, f"assets.{i}.member.category")
        _enum(asset.get("ColorMode"), COLOR_MODES, f"assets.{i}.member.colorMode")
        _enum(asset.get("Extension"), ASSET_EXTENSIONS, f"assets.{i}.member.extension")
        try:
            data = base64.b64decode(asset.get("Bytes") or "", validate=True)
        except (binascii.Error, ValueError):
            raise _validation("bytes", f"assets.{i}.member.bytes", "Member must be Base64-encoded binary")
        size = len(data)
        if size > MAX_ASSET_BYTES:
            raise _validation(
                f"{size} bytes", f"assets.{i}.member.bytes", f"Member must have length less than or equal to {MAX_ASSET_BYTES}"
            )
        key = (asset["Category"], asset["ColorMode"])
        if key in seen:
            raise IdpInvalidParameter(f"Duplicate asset for category {key[0]} and color mode {key[1]}.")
        seen.add(key)
        checked.append({**asset, "Bytes": data})
    return checked


def _check_exclusive(use_cognito: Any, settings: Any, assets: Any) -> None:
    if use_cognito and (settings is not None or assets is not None):
        raise IdpInvalidParameter("When UseCognitoProvidedValues is true, Settings and Assets must be omitted.")


def _styles(pool: CognitoIdpUserPool) -> dict[str, dict[str, Any]]:
    if not hasattr(pool, "managed_login_brandings"):
        pool.managed_login_brandings = {}  # type: ignore[attr-defined]
    return pool.managed_login_brandings  # type: ignore[attr-defined,no-any-return]


def _style(backend: CognitoIdpBackend, user_pool_id: str, branding_id: str) -> dict[str, Any]:
    style = _styles(backend.describe_user_pool(user_pool_id)).get(branding_id)
    if style is None:
        raise IdpNotFound(f"Managed login branding {branding_id} does not exist in user pool {user_pool_id}.")
    return style


def _to_json(style: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in style.items() if k not in ("ClientId", "Settings")}
    if style.get("Settings") is not None:
        out["Settings"] = style["Settings"]
    return out


def create_managed_login_branding(
    self: CognitoIdpBackend, user_pool_id: str, client_id: str, use_cognito: Any, settings: Any, assets: Any
) -> dict[str, Any]:
    pool = self.describe_user_pool(user_pool_id)
    if client_id not in pool.clients:
        raise IdpNotFound(f"App client {client_id} does not exist in user pool {user_pool_id}.")
    _check_exclusive(use_cognito, settings, assets)
    checked = _check_assets(assets or [])
    styles = _styles(pool)
    if any(s["ClientId"] == client_id for s in styles.values()):
        raise ManagedLoginBrandingExists(f"App client {client_id} already has a managed login branding style.")
    now = time.time()
    style = {
        "ManagedLoginBrandingId": str(uuid.uuid4()),
        "UserPoolId": user_pool_id,
        "ClientId": client_id,
        "UseCognitoProvidedValues": bool(use_cognito),
        "Settings": None if use_cognito else settings,
        "Assets": checked,
        "CreationDate": now,
        "LastModifiedDate": now,
    }
    styles[style["ManagedLoginBrandingId"]] = style
    return style


def update_managed_login_branding(
    self: CognitoIdpBackend, user_pool_id: str, branding_id: str, use_cognito: Any, settings: Any, assets: Any
) -> dict[str, Any]:
    style = _style(self, user_pool_id, branding_id)
    _check_exclusive(use_cognito, settings, assets)
    checked = None if assets is None else _check_assets(assets)
    if use_cognito:
        style.update({"UseCognitoProvidedValues": True, "Settings": None, "Assets": []})
    else:
        if settings is not None:
            style["Settings"] = settings
        if checked is not None:
            style["Assets"] = checked
        if settings is not None or checked is not None or use_cognito is False:
            style["UseCognitoProvidedValues"] = False
    style["LastModifiedDate"] = time.time()
    return style


def describe_managed_login_branding_by_client(self: CognitoIdpBackend, user_pool_id: str, client_id: str) -> dict[str, Any]:
    pool = self.describe_user_pool(user_pool_id)
    for style in _styles(pool).values():
        if style["ClientId"] == client_id:
            return style
    raise IdpNotFound(f"App client {client_id} of user pool {user_pool_id} has no managed login branding style.")


def delete_managed_login_branding(self: CognitoIdpBackend, user_pool_id: str, branding_id: str) -> None:
    _style(self, user_pool_id, branding_id)
    del _styles(self.describe_user_pool(user_pool_id))[branding_id]


def _with_style_deleted(method: Any) -> Any:
    """Wrap DeleteUserPoolClient: the client's style goes with it."""

    def delete_user_pool_client(self: CognitoIdpBackend, user_pool_id: str, client_id: str) -> None:
        method(self, user_pool_id, client_id)
        styles = _styles(self.describe_user_pool(user_pool_id))
        for branding_id in [i for i, s in styles.items() if s["ClientId"] == client_id]:
            del styles[branding_id]

    delete_user_pool_client.__doc__ = method.__doc__
    return delete_user_pool_client


# ------------------------------------------------------------------------ responses


def _create_response(self: CognitoIdpResponse) -> ActionResult:
    style = self.backend.create_managed_login_branding(
        self._get_param("UserPoolId"),
        self._get_param("ClientId"),
        self._get_param("UseCognitoProvidedValues"),
        self._get_param("Settings"),
        self._get_param("Assets"),
    )
    return ActionResult({"ManagedLoginBranding": _to_json(style)})


def _update_response(self: CognitoIdpResponse) -> ActionResult:
    style = self.backend.update_managed_login_branding(
        self._get_param("UserPoolId"),
        self._get_param("ManagedLoginBrandingId"),
        self._get_param("UseCognitoProvidedValues"),
        self._get_param("Settings"),
        self._get_param("Assets"),
    )
    return ActionResult({"ManagedLoginBranding": _to_json(style)})


def _describe_response(self: CognitoIdpResponse) -> ActionResult:
    style = _style(self.backend, self._get_param("UserPoolId"), self._get_param("ManagedLoginBrandingId"))
    return ActionResult({"ManagedLoginBranding": _to_json(style)})


def _describe_by_client_response(self: CognitoIdpResponse) -> ActionResult:
    style = self.backend.describe_managed_login_branding_by_client(self._get_param("UserPoolId"), self._get_param("ClientId"))
    return ActionResult({"ManagedLoginBranding": _to_json(style)})


def _delete_response(self: CognitoIdpResponse) -> EmptyResult:
    self.backend.delete_managed_login_branding(self._get_param("UserPoolId"), self._get_param("ManagedLoginBrandingId"))
    return EmptyResult()


_registered = False


def register() -> None:
    """Attach the operations to moto's classes. Safe to call more than once."""
    global _registered
    if _registered:
        return
    _registered = True
    CognitoIdpBackend.create_managed_login_branding = create_managed_login_branding  # type: ignore[attr-defined]
    CognitoIdpBackend.update_managed_login_branding = update_managed_login_branding  # type: ignore[attr-defined]
    CognitoIdpBackend.describe_managed_login_branding_by_client = describe_managed_login_branding_by_client  # type: ignore[attr-defined]
    CognitoIdpBackend.delete_managed_login_branding = delete_managed_login_branding  # type: ignore[attr-defined]
    CognitoIdpBackend.delete_user_pool_client = _with_style_deleted(CognitoIdpBackend.delete_user_pool_client)  # type: ignore[method-assign]
    CognitoIdpResponse.create_managed_login_branding = _create_response  # type: ignore[attr-defined]
    CognitoIdpResponse.update_managed_login_branding = _update_response  # type: ignore[attr-defined]
    CognitoIdpResponse.describe_managed_login_branding = _describe_response  # type: ignore[attr-defined]
    CognitoIdpResponse.describe_managed_login_branding_by_client = _describe_by_client_response  # type: ignore[attr-defined]
    CognitoIdpResponse.delete_managed_login_branding = _delete_response  # type: ignore[attr-defined]
