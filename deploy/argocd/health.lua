-- Argo CD health of cognito.operator.dev objects (every kind the operator serves), by the
-- kstatus conditions the operator writes:
--   Progressing  no status yet, a status older than the spec, Reconciling=True, or not Ready yet
--   Degraded     Stalled=True: retrying cannot help until the spec or AWS changes; or
--                Ready=True with Synced=False: usable as last seen, but the last pass failed
--                (throttling, an AWS error) and is being retried, as Crossplane's check says
--   Healthy      Ready=True for the current generation
-- Argo CD runs this in gopher-lua (Lua 5.1): no goto, no integer division, no bit operators.
local hs = {}

local function condition(conditions, type)
  for _, c in ipairs(conditions or {}) do
    if c.type == type then return c end
  end
  return nil
end

-- A condition written for an older generation says nothing about the current spec.
local function current(c)
  return c ~= nil and (c.observedGeneration == nil or c.observedGeneration == obj.metadata.generation)
end

local function message(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then return c.message end
  return fallback
end

local status = obj.status
if status == nil or status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report a status"
  return hs
end

if status.observedGeneration == nil or status.observedGeneration ~= obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to act on the latest spec"
  return hs
end

local ready = condition(status.conditions, "Ready")
local reconciling = condition(status.conditions, "Reconciling")
local stalled = condition(status.conditions, "Stalled")
local synced = condition(status.conditions, "Synced")

if stalled ~= nil and stalled.status == "True" and current(stalled) then
  hs.status = "Degraded"
  hs.message = message(stalled, "Stalled")
  return hs
end

if ready ~= nil and ready.status == "True" and current(ready) and synced ~= nil and synced.status == "False" and current(synced) then
  hs.status = "Degraded"
  hs.message = message(synced, "The last reconcile failed")
  return hs
end

if reconciling ~= nil and reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = message(reconciling, "Reconciling")
  return hs
end

if ready ~= nil and ready.status == "True" and current(ready) then
  hs.status = "Healthy"
  hs.message = message(ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = message(ready, "Waiting for Ready")
return hs
