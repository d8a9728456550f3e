-- Argo CD health check for finpipe.dev/FinancialPipeline (argocd-cm:
-- resource.customizations.health.finpipe.dev_FinancialPipeline; docs/OBSERVABILITY.md).
-- Healthy: Ready. Suspended: spec.paused. Degraded: stopped until a change (Stalled, phase Failed), a
-- pipeline that was Ready has a failing component, or a Ready pipeline is not Healthy (an error-rate alarm in
-- ALARM, messages in a dead-letter queue). Progressing: everything else, including a spec change
-- the operator has not observed yet.
local hs = { status = "Progressing", message = "waiting for the operator" }
if obj.status == nil then
  return hs
end
local generation = obj.metadata and obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.message = "waiting for the operator to observe generation " .. tostring(generation)
  return hs
end
local conditions = {}
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    conditions[condition.type] = condition
  end
end
local function isTrue(type)
  return conditions[type] ~= nil and conditions[type].status == "True"
end
local function messageOf(type)
  if conditions[type] ~= nil and conditions[type].message ~= nil then
    return conditions[type].message
  end
  return ""
end
if obj.status.phase == "Paused" then
  hs.status = "Suspended"
  hs.message = "spec.paused is true; " .. messageOf("Ready")
elseif isTrue("Stalled") or obj.status.phase == "Failed" then
  hs.status = "Degraded"
  hs.message = messageOf("Ready")
elseif isTrue("Ready") and conditions["Healthy"] ~= nil and conditions["Healthy"].status == "False" then
  hs.status = "Degraded"
  hs.message = messageOf("Healthy")
elseif isTrue("Ready") then
  hs.status = "Healthy"
  hs.message = messageOf("Ready")
elseif isTrue("Degraded") then
  hs.status = "Degraded"
  hs.message = messageOf("Degraded")
else
  hs.status = "Progressing"
  hs.message = messageOf("Ready")
end
return hs
