"""cognito-idp risk configuration (threat protection), which moto lacks.

Adds ``SetRiskConfiguration`` and ``DescribeRiskConfiguration`` as the Amazon Cognito API
reference describes them:

* A configuration belongs to the user pool (no ClientId: every app client without one of
  its own) or to one app client (ClientId), which then uses it instead of the pool's.
* ``SetRiskConfiguration`` replaces the whole configuration of that pool or client: a
  section left out is removed, and a request with none of the sections deletes the
  configuration ("To delete the risk configuration for UserPoolId or ClientId, pass null
  values for all four configuration types").
* ``DescribeRiskConfiguration`` with a ClientId answers the client's own configuration; for a
  client without one it answers the pool's, with ``ClientId: "ALL"``, so a caller can tell
  the two apart.
* Checks: the pool and the client must exist (ResourceNotFoundException); a section needs
  threat protection on (``UserPoolAddOns.AdvancedSecurityMode`` AUDIT or ENFORCED, else
  UserPoolAddOnNotEnabledException); the request shape's required members and enums
  (CompromisedCredentialsActionsType, AccountTakeoverActionType, EventFilterType), notify
  email lengths (Subject 1-140, HtmlBody and TextBody 6-20000), at most 200 IP ranges per
  list, each a CIDR; an account-takeover action with ``Notify: true`` needs a
  NotifyConfiguration, and a NotifyConfiguration needs SourceArn
  (InvalidParameterException).

State lives on moto's pool object (``risk_configurations``, keyed by client ID, ``None``
for the pool), so ``POST /moto-api/reset`` and DeleteUserPool clear it; DeleteUserPoolClient
drops the client's. Call ``register()`` once before the server starts (idempotent).
"""

from __future__ import annotations

import ipaddress
import time
from typing import Any, Callable

from moto.cognitoidp.exceptions import InvalidParameterException as IdpInvalidParameter
from moto.cognitoidp.exceptions import ResourceNotFoundError as IdpNotFound
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult

from cognito_extensions import _constraint_message

SECTIONS = (
    "CompromisedCredentialsRiskConfiguration",
    "AccountTakeoverRiskConfiguration",
    "RiskExceptionConfiguration",
)
COMPROMISED_ACTIONS = ("BLOCK", "NO_ACTION")
EVENT_FILTERS = ("SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP")
TAKEOVER_ACTIONS = ("BLOCK", "MFA_IF_CONFIGURED", "MFA_REQUIRED", "NO_ACTION")
RISK_LEVELS = ("LowAction", "MediumAction", "HighAction")
NOTIFY_EMAILS = ("BlockEmail", "NoActionEmail", "MfaEmail")
MAX_IP_RANGES = 200
# The client ID DescribeRiskConfiguration reports for the pool's configuration.
ALL_CLIENTS = "ALL"

_registered = False


class UserPoolAddOnNotEnabled(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("UserPoolAddOnNotEnabledException", message)


def _constraint(value: Any, field: str, constraint: str) -> IdpInvalidParameter:
    return IdpInvalidParameter(_constraint_message(value, field, constraint))


def _enum(value: Any, field: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise _constraint(value, field, f"Member must satisfy enum value set: [{', '.join(allowed)}]")
    return str(value)


def _required(container: dict[str, Any], key: str, field: str) -> Any:
    value = container.get(key)
    if value is None:
        raise _constraint(None, field, "Member must not be null")
    return value


def _length(value: Any, field: str, low: int, high: int) -> None:
    if value is not None and not low <= len(value) <= high:
        raise _constraint(
            value,
            field,
            f"Member must have length less than or equal to {high}, Member must have length greater than or equal to {low}",
        )


def _check_compromised(section: dict[str, Any]) -> None:
    field = "compromisedCredentialsRiskConfiguration"
    for i, event in enumerate(section.get("EventFilter") or []):
        _enum(event, f"{field}.eventFilter.{i + 1}.member", EVENT_FILTERS)
    actions = _required(section, "Actions", f"{field}.actions")
    _enum(_required(actions, "EventAction", f"{field}.actions.eventAction"), f"{field}.actions.eventAction", COMPROMISED_ACTIONS)


def _check_notify(notify: dict[str, Any]) -> None:
    field = "accountTakeoverRiskConfiguration.notifyConfiguration"
    _required(notify, "SourceArn", f"{field}.sourceArn")
    for name in NOTIFY_EMAILS:
        email = notify.get(name)
        if email is None:
            continue
        where = f"{field}.{name[0].lower()}{name[1:]}"
        _length(_required(email, "Subject", f"{where}.subject"), f"{where}.subject", 1, 140)
        _length(email.get("HtmlBody"), f"{where}.htmlBody", 6, 20000)
        _length(email.get("TextBody"), f"{where}.textBody", 6, 20000)


def _check_takeover(section: dict[str, Any]) -> None:
    field = "accountTakeoverRiskConfiguration"
    actions = _required(section, "Actions", f"{field}.actions")
    notifies = False
    for level in RISK_LEVELS:
        action = actions.get(level)
        if action is None:
            continue
        where = f"{field}.actions.{level[0].lower()}{level[1:]}"
        notify = _required(action, "Notify", f"{where}.notify")
        _enum(_required(action, "EventAction", f"{where}.eventAction"), f"{where}.eventAction", TAKEOVER_ACTIONS)
        notifies = notifies or notify is True
    notify_configuration = section.get("NotifyConfiguration")
    if notify_configuration is not None:
        _check_notify(notify_configuration)
    elif notifies:
        raise IdpInvalidParameter(
            "Account takeover actions that notify users need a NotifyConfiguration with the SourceArn of an SES identity."
        )


def _check_exceptions(section: dict[str, Any]) -> None:
    for key, field in (("BlockedIPRangeList", "blockedIPRangeList"), ("SkippedIPRangeList", "skippedIPRangeList")):
        ranges = section.get(key) or []
        if len(ranges) > MAX_IP_RANGES:
            raise _constraint(ranges, f"riskExceptionConfiguration.{field}", f"Member must have length less than or equal to {MAX_IP_RANGES}")
        for value in ranges:
            try:
                ipaddress.ip_network(value, strict=False)
                if "/" not in value:
                    raise ValueError(value)
            except ValueError:
                raise IdpInvalidParameter(f"{value} in {key} is not an IP address range in CIDR notation.") from None


CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "CompromisedCredentialsRiskConfiguration": _check_compromised,
    "AccountTakeoverRiskConfiguration": _check_takeover,
    "RiskExceptionConfiguration": _check_exceptions,
}


def _configurations(pool: CognitoIdpUserPool) -> dict[str | None, dict[str, Any]]:
    if not hasattr(pool, "risk_configurations"):
        pool.risk_configurations = {}  # type: ignore[attr-defined]
    return pool.risk_configurations  # type: ignore[attr-defined, no-any-return]


def _pool_and_client(backend: CognitoIdpBackend, user_pool_id: str, client_id: str | None) -> CognitoIdpUserPool:
    pool = backend.describe_user_pool(user_pool_id)
    if client_id is not None and client_id not in pool.clients:
        raise IdpNotFound(f"Client {client_id} does not exist in user pool {user_pool_id}.")
    return pool


def _threat_protection_on(pool: CognitoIdpUserPool) -> bool:
    mode = (pool.extended_config.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode", "OFF")
    return mode in ("AUDIT", "ENFORCED")


def set_risk_configuration(
    self: CognitoIdpBackend, user_pool_id: str, client_id: str | None, sections: dict[str, Any]
) -> dict[str, Any]:
    pool = _pool_and_client(self, user_pool_id, client_id)
    given = {k: v for k, v in sections.items() if k in SECTIONS and v is not None}
    for key, value in given.items():
        CHECKS[key](value)
    configurations = _configurations(pool)
    if not given:
        configurations.pop(client_id, None)
        return {"UserPoolId": user_pool_id, **({"ClientId": client_id} if client_id else {})}
    if not _threat_protection_on(pool):
        raise UserPoolAddOnNotEnabled(
            "Threat protection (advanced security features) is not enabled for this user pool: "
            "set UserPoolAddOns.AdvancedSecurityMode to AUDIT or ENFORCED first."
        )
    stored = {**given, "LastModifiedDate": time.time()}
    configurations[client_id] = stored
    return {"UserPoolId": user_pool_id, **({"ClientId": client_id} if client_id else {}), **stored}


def describe_risk_configuration(self: CognitoIdpBackend, user_pool_id: str, client_id: str | None) -> dict[str, Any]:
    pool = _pool_and_client(self, user_pool_id, client_id)
    configurations = _configurations(pool)
    if client_id is not None and client_id in configurations:
        return {"UserPoolId": user_pool_id, "ClientId": client_id, **configurations[client_id]}
    answer: dict[str, Any] = {"UserPoolId": user_pool_id, **configurations.get(None, {})}
    if client_id is not None:
        answer["ClientId"] = ALL_CLIENTS
    return answer


def _drop_client_configuration(delete: Callable[..., None]) -> Callable[..., None]:
    """Wrap moto's DeleteUserPoolClient: the client's risk configuration goes with it."""

    def fixed(self: CognitoIdpBackend, user_pool_id: str, client_id: str) -> None:
        delete(self, user_pool_id, client_id)
        _configurations(self.describe_user_pool(user_pool_id)).pop(client_id, None)

    fixed.__name__ = "delete_user_pool_client"
    fixed.__doc__ = delete.__doc__
    return fixed


def set_risk_configuration_response(self: CognitoIdpResponse) -> ActionResult:
    sections = {key: self._get_param(key) for key in SECTIONS}
    answer = self.backend.set_risk_configuration(self._get_param("UserPoolId"), self._get_param("ClientId"), sections)
    return ActionResult({"RiskConfiguration": answer})


def describe_risk_configuration_response(self: CognitoIdpResponse) -> ActionResult:
    answer = self.backend.describe_risk_configuration(self._get_param("UserPoolId"), self._get_param("ClientId"))
    return ActionResult({"RiskConfiguration": answer})


def register() -> None:
    """Attach the operations to moto's classes. Safe to call more than once."""
    global _registered
    if _registered:
        return
    _registered = True
    CognitoIdpBackend.set_risk_configuration = set_risk_configuration  # type: ignore[attr-defined]
    CognitoIdpBackend.describe_risk_configuration = describe_risk_configuration  # type: ignore[attr-defined]
    CognitoIdpBackend.delete_user_pool_client = _drop_client_configuration(  # type: ignore[method-assign]
        CognitoIdpBackend.delete_user_pool_client
    )
    CognitoIdpResponse.set_risk_configuration = set_risk_configuration_response  # type: ignore[attr-defined]
    CognitoIdpResponse.describe_risk_configuration = describe_risk_configuration_response  # type: ignore[attr-defined]
