"""SetUserPoolMfaConfig / GetUserPoolMfaConfig as the API reference describes them: moto keeps
only SMS, TOTP and the MFA mode, and drops ``WebAuthnConfiguration`` (passkeys) and
``EmailMfaConfiguration`` (email codes), so a pool could never read as having either.

Added here: both are stored on the pool (moto's model object, so ``/moto-api/reset`` clears
them) and answered by Get and Set, with the request checks of WebAuthnConfigurationType
(RelyingPartyId 1..127 characters; UserVerification ``required`` | ``preferred``, AWS's
default ``preferred``; FactorConfiguration ``SINGLE_FACTOR`` | ``MULTI_FACTOR_WITH_USER_VERIFICATION``,
default ``SINGLE_FACTOR``) and EmailMfaConfigType (Subject 1..140, Message 6..20000 with
``{####}``). The WebAuthn configuration is independent of MFA: ``MfaConfiguration: OFF`` keeps
it, and a request without it keeps what the pool has. moto still requires an SMS or TOTP
configuration with MFA ON or OPTIONAL, where AWS accepts email codes alone; left as is.
"""

from __future__ import annotations

from typing import Any, Callable

from moto.cognitoidp.exceptions import InvalidParameterException
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult

USER_VERIFICATION = ("required", "preferred")
FACTOR_CONFIGURATION = ("SINGLE_FACTOR", "MULTI_FACTOR_WITH_USER_VERIFICATION")
WEB_AUTHN_DEFAULT = {"UserVerification": "preferred", "FactorConfiguration": "SINGLE_FACTOR"}

_registered = False


def _check_length(value: Any, field: str, low: int, high: int) -> str:
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise InvalidParameterException(f"1 validation error detected: Value at '{field}' failed to satisfy constraint: Member must have length between {low} and {high}")
    return value


def _check_one_of(value: Any, field: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidParameterException(
            f"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy enum value set: [{', '.join(allowed)}]"
        )
    return value


def _web_authn(request: Any) -> dict[str, str]:
    """The pool's WebAuthn configuration after a request naming one: its members over the defaults."""
    if not isinstance(request, dict):
        raise InvalidParameterException("WebAuthnConfiguration must be an object")
    config = dict(WEB_AUTHN_DEFAULT)
    if "RelyingPartyId" in request:
        config["RelyingPartyId"] = _check_length(request["RelyingPartyId"], "webAuthnConfiguration.relyingPartyId", 1, 127)
    if "UserVerification" in request:
        config["UserVerification"] = _check_one_of(request["UserVerification"], "webAuthnConfiguration.userVerification", USER_VERIFICATION)
    if "FactorConfiguration" in request:
        config["FactorConfiguration"] = _check_one_of(request["FactorConfiguration"], "webAuthnConfiguration.factorConfiguration", FACTOR_CONFIGURATION)
    return config


def _email_mfa(request: Any) -> dict[str, str]:
    if not isinstance(request, dict):
        raise InvalidParameterException("EmailMfaConfiguration must be an object")
    config: dict[str, str] = {}
    if "Subject" in request:
        config["Subject"] = _check_length(request["Subject"], "emailMfaConfiguration.subject", 1, 140)
    if "Message" in request:
        message = _check_length(request["Message"], "emailMfaConfiguration.message", 6, 20000)
        if "{####}" not in message:
            raise InvalidParameterException("The message must contain the {####} placeholder for the code.")
        config["Message"] = message
    return config


def _with_web_authn_and_email(set_response: Callable[[CognitoIdpResponse], ActionResult]) -> Callable[[CognitoIdpResponse], ActionResult]:
    """Wrap the Set response: check and store what moto drops, then let moto do the rest."""

    def stored(self: CognitoIdpResponse) -> ActionResult:
        pool: CognitoIdpUserPool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
        web_authn = self._get_param("WebAuthnConfiguration", None)
        email = self._get_param("EmailMfaConfiguration", None)
        mode = self._get_param("MfaConfiguration")
        new_web_authn = _web_authn(web_authn) if web_authn is not None else None
        new_email = _email_mfa(email) if email is not None and mode in ("ON", "OPTIONAL") else None
        set_response(self)
        if new_web_authn is not None:
            pool.web_authn_config = new_web_authn  # type: ignore[attr-defined]
        pool.email_mfa_config = new_email  # type: ignore[attr-defined]
        # moto built its answer before these were stored: answer what Get says now.
        return ActionResult(self.backend.get_user_pool_mfa_config(pool.id))

    return stored


def _reporting_web_authn_and_email(get: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    def reported(self: CognitoIdpBackend, user_pool_id: str) -> dict[str, Any]:
        answer = dict(get(self, user_pool_id))
        pool = self.describe_user_pool(user_pool_id)
        answer["WebAuthnConfiguration"] = dict(getattr(pool, "web_authn_config", None) or WEB_AUTHN_DEFAULT)
        email = getattr(pool, "email_mfa_config", None)
        if email is not None:
            answer["EmailMfaConfiguration"] = dict(email)
        return {k: v for k, v in answer.items() if v is not None}

    return reported


def register() -> None:
    """Attach the wrappers to moto's classes. Safe to call more than once."""
    global _registered
    if _registered:
        return
    _registered = True
    CognitoIdpResponse.set_user_pool_mfa_config = _with_web_authn_and_email(CognitoIdpResponse.set_user_pool_mfa_config)  # type: ignore[method-assign]
    CognitoIdpBackend.get_user_pool_mfa_config = _reporting_web_authn_and_email(CognitoIdpBackend.get_user_pool_mfa_config)  # type: ignore[method-assign]
