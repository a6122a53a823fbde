#!/usr/bin/env python3
"""Writes processes/pakkeforlop-spiseror-magesekk.bpmn: the process and its diagram.

The model is kept here as code so that the layout stays tidy when the model changes;
after running it, open the file in Camunda Modeler to check. Run: python3 tools/generate_bpmn.py
"""
from xml.sax.saxutils import escape
import os

PROCESS_ID = "pakkeforlop-spiseror-magesekk"
SIZES = {"task": (120, 80), "event": (36, 36), "gateway": (50, 50)}

elements = {}   # id -> dict
order = []      # element ids in document order, per scope
flows = []      # dicts

def _add(eid, kind, tag, name, x, y, scope, **kw):
    w, h = kw.pop("size", None) or SIZES[kind]
    e = dict(id=eid, kind=kind, tag=tag, name=name, x=x, y=y, w=w, h=h, scope=scope, **kw)
    elements[eid] = e
    order.append(eid)
    return e

def task(eid, name, cx, cy, scope="P", tag="userTask", **kw):
    w, h = SIZES["task"]
    return _add(eid, "task", tag, name, cx - w // 2, cy - h // 2, scope, **kw)

def event(eid, name, cx, cy, scope="P", tag="startEvent", **kw):
    return _add(eid, "event", tag, name, cx - 18, cy - 18, scope, **kw)

def gateway(eid, name, cx, cy, scope="P", tag="exclusiveGateway", **kw):
    return _add(eid, "gateway", tag, name, cx - 25, cy - 25, scope, **kw)

def subprocess(eid, name, x, y, w, h, scope="P", **kw):
    return _add(eid, "sub", "subProcess", name, x, y, scope, size=(w, h), **kw)

def boundary(eid, name, attached, offset_x, scope, side="bottom", **kw):
    a = elements[attached]
    cx = a["x"] + offset_x
    cy = a["y"] + (a["h"] if side == "bottom" else 0)
    return _add(eid, "event", "boundaryEvent", name, cx - 18, cy - 18, scope, attachedToRef=attached, **kw)

def flow(src, tgt, name=None, cond=None, points=None, fid=None, label_at=None):
    fid = fid or f"Flow_{src}_{tgt}"
    flows.append(dict(id=fid, src=src, tgt=tgt, name=name, cond=cond, points=points, label_at=label_at))

def center(e):
    return e["x"] + e["w"] / 2, e["y"] + e["h"] / 2

def waypoints(f):
    s, t = elements[f["src"]], elements[f["tgt"]]
    if f["points"]:
        return f["points"]
    sx, sy = center(s)
    tx, ty = center(t)
    if s["tag"] == "boundaryEvent":
        start = (sx, s["y"] + s["h"])
        if abs(ty - sy) < 2:
            return [(s["x"] + s["w"], sy), (t["x"], ty)]
        return [start, (sx, ty), (t["x"], ty)]
    if abs(ty - sy) < 2:
        return [(s["x"] + s["w"], sy), (t["x"], ty)]
    if s["kind"] == "gateway" and tx > sx:
        start = (sx, s["y"] + (s["h"] if ty > sy else 0))
        return [start, (sx, ty), (t["x"], ty)]
    if t["kind"] == "gateway" and tx > sx:
        end = (tx, t["y"] + (t["h"] if sy > ty else 0))
        return [(s["x"] + s["w"], sy), (tx, sy), end]
    mid = (s["x"] + s["w"] + t["x"]) / 2
    return [(s["x"] + s["w"], sy), (mid, sy), (mid, ty), (t["x"], ty)]

# ---------------------------------------------------------------- the model
MAIN_Y = 780          # centre line of the process level
# Process level: entry
event("referralReceived", "Henvisning mottatt", 150, MAIN_Y, props=dict(start=True))
task("registerReferral", "Registrer henvisning (A32A)", 260, MAIN_Y, tag="serviceTask",
     register="REFERRAL")
gateway("splitEntry", None, 380, MAIN_Y, tag="parallelGateway")
task("informPatientAtReferral", "Informer pasienten om mistanke og pakkeforløp", 500, 170,
     group="forlopskoordinator", dialogue=True)
event("patientInformed", "Pasient informert", 640, 170, tag="endEvent")

# The phase from referral to treatment start (or another ending)
PH_X, PH_Y, PH_W, PH_H = 460, 260, 2800, 1040
subprocess("pathwayPhase", "Pakkeforløp til behandlingsstart", PH_X, PH_Y, PH_W, PH_H)
S1 = "pathwayPhase"
ADMIN_Y = 350
RT_CY = 770
event("pathwayPhaseStarted", "Forløp startet", PH_X + 60, RT_CY, S1)
gateway("splitPhase", None, PH_X + 150, RT_CY, S1, tag="parallelGateway")
gateway("adminLoop", None, PH_X + 260, ADMIN_Y, S1)
task("pathwayAdministration", "Overfør eller avslutt forløpet", PH_X + 380, ADMIN_Y, S1,
     group="forlopskoordinator", validated=True)
gateway("adminActionGateway", "Handling?", PH_X + 520, ADMIN_Y, S1, label_below=True)
task("registerTransfer", "Registrer overføring (A32O)", PH_X + 640, ADMIN_Y - 0, S1, tag="serviceTask",
     register="TRANSFER", asyncBefore=True)
task("registerTermination", "Registrer avslutning (A32X)", PH_X + 800, ADMIN_Y, S1, tag="serviceTask",
     register="TERMINATION", asyncBefore=True)
event("phaseTerminated", "Forløp avsluttet (A32X)", PH_X + 940, ADMIN_Y, S1, tag="endEvent", terminate=True)

# Milestones from referral to treatment start, watched by the 43-day timer
RT_X, RT_Y, RT_W, RT_H = PH_X + 220, 460, 2440, 620
subprocess("referralToTreatment", "Henvisning til behandlingsstart", RT_X, RT_Y, RT_W, RT_H, S1)
S2 = "referralToTreatment"
ROW = 660
BREACH_ROW = 920
event("referralToTreatmentStarted", "Henvisning registrert", RT_X + 50, ROW, S2)
task("registerFirstAttendance", "Registrer første fremmøte", RT_X + 160, ROW, S2,
     group="forlopskoordinator", validated=True)
task("registerFirstAttendanceCode", "Registrer første fremmøte (A32S)", RT_X + 310, ROW, S2,
     tag="serviceTask", register="FIRST_ATTENDANCE", asyncBefore=True)
# Workup and decision, watched by the 21-day timer
WD_X, WD_Y, WD_W, WD_H = RT_X + 400, 500, 1120, 320
subprocess("firstAttendanceToDecision", "Utredning og beslutning", WD_X, WD_Y, WD_W, WD_H, S2)
S3 = "firstAttendanceToDecision"
event("workupStarted", "Utredning startet", WD_X + 50, ROW, S3)
task("registerEndoscopyResult", "Registrer resultat av gastroskopi med biopsi", WD_X + 160, ROW, S3,
     group="lege", validated=True)
gateway("endoscopyResultGateway", "Kreft i spiserør eller magesekk?", WD_X + 290, ROW, S3)
gateway("mdtLoop", None, WD_X + 380, ROW, S3)
task("mdtAssessment", "MDT-vurdering: stadium og behandlingsgruppe", WD_X + 490, ROW, S3, group="mdt",
     validated=True)
gateway("supplementaryWorkupGateway", "Supplerende utredning?", WD_X + 750, ROW, S3)
task("supplementaryWorkup", "Supplerende utredning (CT, PET-CT)", WD_X + 630, ROW + 105, S3, group="lege",
     dialogue=True)
gateway("decisionMerge", None, WD_X + 840, ROW, S3)
task("clinicalDecision", "Klinisk beslutning sammen med pasienten", WD_X + 950, ROW, S3,
     group="lege", validated=True)
event("decisionTaken", "Beslutning tatt", WD_X + 1070, ROW, S3, tag="endEvent")

AFTER_X = WD_X + WD_W
task("registerDecisionCode", "Registrer beslutning (A32C)", AFTER_X + 90, ROW, S2, tag="serviceTask",
     register="DECISION", asyncBefore=True)
# every decision is followed up (pathway.md "Follow-up after every decision"): the GP is informed of it
event("decisionRegistered", "Beslutning registrert", AFTER_X + 190, ROW, S2, tag="intermediateThrowEvent",
      escalation="Escalation_DecisionTaken")
gateway("decisionGateway", "Behandling besluttet (CK)?", AFTER_X + 280, ROW, S2)
event("endedAfterDecision", "Forløp avsluttet etter beslutning", AFTER_X + 280, ROW + 130, S2, tag="endEvent")
gateway("plannedTreatmentGateway", "Planlagt behandling?", AFTER_X + 405, ROW, S2)
# the dialogue before treatment belongs to a treatment: not asked after active surveillance or no treatment
event("treatmentDecided", "Behandling skal gis", AFTER_X + 490, ROW, S2, tag="intermediateThrowEvent",
      escalation="Escalation_TreatmentDecided")
task("registerTreatmentStart", "Registrer behandlingsstart", AFTER_X + 600, ROW, S2, group="lege", validated=True,
     suggestFirstTreatment=True)
task("registerTreatmentStartCode", "Registrer behandlingsstart (A32F)", AFTER_X + 750, ROW, S2,
     tag="serviceTask", register="TREATMENT_START", asyncBefore=True)
event("treatmentStarted", "Behandling startet", AFTER_X + 870, ROW, S2, tag="endEvent")
task("registerNoTreatmentCode", "Registrer aktiv overvåking eller ingen behandling (A32FO/FI)",
     AFTER_X + 600, ROW - 130, S2, tag="serviceTask", register="NO_TREATMENT")
event("endedWithoutTreatment", "Ingen behandling startet", AFTER_X + 750, ROW - 130, S2, tag="endEvent")

event("phaseCompleted", "Forløpsfase fullført", RT_X + RT_W + 60, RT_CY, S1, tag="endEvent", terminate=True)

# Timers: each standard pathway time, due at the first moment past the standard time
TIMERS = [
    # id suffix, attached to, scope of the path, interval, label, x offset on the attached element
    ("FirstAttendance", "registerFirstAttendance", S2, "REFERRAL_TO_FIRST_ATTENDANCE", "8 dager", 70),
    ("Decision", "firstAttendanceToDecision", S2, "FIRST_ATTENDANCE_TO_DECISION", "21 dager", 1060),
    ("Treatment", "registerTreatmentStart", S2, "DECISION_TO_TREATMENT", "14 dager", 70),
    ("ReferralToTreatment", "referralToTreatment", S1, "REFERRAL_TO_TREATMENT", "43 dager", 1000),
]
# Only the 43 days can turn out not to apply while their timer runs: the registration of what was given (A32FL) may
# still be under way when it fires. The 14-day timer sits on registerTreatmentStart and is gone once that is done;
# a breach that later turns out not to apply is withdrawn (deadlines.BreachWithdrawal)
CONDITIONAL_INTERVALS = {"REFERRAL_TO_TREATMENT"}
for suffix, attached, scope, interval, label, off in TIMERS:
    b = boundary(f"deadline{suffix}", f"{label} ({'frist'})".replace(" (frist)", ""), attached, off, scope,
                 timer=interval, cancelActivity=False)
    bx, by = center(b)
    rec_y = BREACH_ROW if scope == S2 else by + 100
    task(f"recordBreach{suffix}", "Registrer fristbrudd", bx + 90, rec_y, scope, tag="serviceTask",
         breach=interval)
    if interval in CONDITIONAL_INTERVALS:
        gateway(f"breachApplies{suffix}", "Gjelder fristen?", bx + 200, rec_y, scope)
        event(f"breachNotApplicable{suffix}", "Frist gjelder ikke", bx + 290, rec_y + 70, scope, tag="endEvent")
    event(f"breachReported{suffix}", "Fristbrudd meldt", bx + (290 if interval in CONDITIONAL_INTERVALS else 200),
          rec_y, scope, tag="endEvent", escalation="Escalation_DeadlineBreached")
    elements[f"deadline{suffix}"]["name"] = f"{label}"

# Process level after the phase: breach follow-up and the dialogue before treatment
boundary("deadlineBreached", "Frist overskredet", "pathwayPhase", 200, "P",
         escalation="Escalation_DeadlineBreached", cancelActivity=False)
FU_Y = PH_Y + PH_H + 120
task("followUpBreach", "Følg opp overskredet forløpsfrist", PH_X + 310, FU_Y, "P",
     group="forlopskoordinator", dialogue=True,
     # local to each breach task: a second breach neither shows nor overwrites the first one's answers
     inputs={"breachedInterval": "${breachedInterval}", "breachCause": "", "breachFollowUp": ""})
event("breachFollowedUp", "Fristbrudd fulgt opp", PH_X + 450, FU_Y, tag="endEvent")
# a breach that a later registration shows to be met, or not to apply, is withdrawn (deadlines.BreachWithdrawal):
# its follow-up task ends here, and the history says why
boundary("breachWithdrawnMet", "Fristen var likevel overholdt", "followUpBreach", 100, "P",
         message="Message_DeadlineMetAfterAll")
boundary("breachWithdrawnNotApplicable", "Fristen gjelder ikke", "followUpBreach", 40, "P",
         message="Message_DeadlineNotApplicable")
event("breachMetAfterAll", "Fristbrudd trukket tilbake: overholdt", PH_X + 450, FU_Y + 120, tag="endEvent")
event("breachNotApplicable", "Fristbrudd trukket tilbake: gjelder ikke", PH_X + 450, FU_Y + 220, tag="endEvent")

boundary("decisionTakenCaught", "Beslutning tatt", "pathwayPhase", 600, "P",
         escalation="Escalation_DecisionTaken", cancelActivity=False)
task("informGpOfDecision", "Informer fastlegen om beslutningen", PH_X + 700, FU_Y, group="forlopskoordinator",
     dialogue=True)
event("gpInformedOfDecision", "Fastlegen informert", PH_X + 840, FU_Y, tag="endEvent")

boundary("treatmentDecidedCaught", "Behandling skal gis", "pathwayPhase", 900, "P",
         escalation="Escalation_TreatmentDecided", cancelActivity=False)
gateway("splitBeforeTreatment", None, PH_X + 990, FU_Y, tag="parallelGateway")
task("informBeforeTreatment", "Samtale før behandling",
     PH_X + 1110, PH_Y + PH_H + 60, group="lege", dialogue=True)
task("offerNeedsAssessment", "Tilby behovssamtale (Pakkeforløp hjem)", PH_X + 1110, PH_Y + PH_H + 180,
     group="forlopskoordinator", dialogue=True)
gateway("joinBeforeTreatment", None, PH_X + 1230, PH_Y + PH_H + 120, tag="parallelGateway")
event("dialogueBeforeTreatmentDone", "Dialog før behandling fullført", PH_X + 1320, PH_Y + PH_H + 120,
      tag="endEvent")

END_X = PH_X + PH_W
OUT_X = END_X + 90
gateway("pathwayOutcomeGateway", "Hvordan endte forløpet?", OUT_X, MAIN_Y, label_at=(OUT_X - 150, MAIN_Y - 60))
event("pathwayTerminated", "Forløp avsluttet (A32X)", OUT_X, MAIN_Y - 300, tag="endEvent", terminate=True)
# treatment given (FK, FM, FS, FL): end of primary treatment, then discharge, nutrition and the GP; rehabilitation
# is assessed from the start of treatment
gateway("treatmentFollowUpMerge", None, END_X + 230, MAIN_Y)
gateway("splitAfterTreatmentStart", None, END_X + 330, MAIN_Y, tag="parallelGateway")
task("rehabilitationAssessment", "Vurder behov for rehabilitering", END_X + 470, MAIN_Y - 240, group="lege",
     dialogue=True)
task("registerEndOfTreatment", "Registrer avsluttet primærbehandling", END_X + 470, MAIN_Y,
     group="forlopskoordinator", validated=True)
gateway("splitAfterEndOfTreatment", None, END_X + 600, MAIN_Y, tag="parallelGateway")
FOLLOW = [("dischargeConversation", "Samtale ved utskrivning", "lege"),
          ("firstNutritionControl", "Første ernæringskontroll", "lege"),
          ("informGeneralPractitioner", "Informer fastlegen om avsluttet behandling", "forlopskoordinator")]
for i, (fid, name, grp) in enumerate(FOLLOW):
    task(fid, name, END_X + 740, MAIN_Y - 120 + i * 120, group=grp, dialogue=True)
gateway("joinAfterEndOfTreatment", None, END_X + 880, MAIN_Y, tag="parallelGateway")
gateway("joinFollowUp", None, END_X + 980, MAIN_Y, tag="parallelGateway")
event("followUpDone", "Oppfølging fullført", END_X + 1070, MAIN_Y, tag="endEvent")
# symptom relief (FL) is treatment and palliative care; no treatment (FI) palliative care
gateway("splitSymptomRelief", None, END_X + 230, MAIN_Y + 260, tag="parallelGateway")
gateway("palliativeMerge", None, END_X + 230, MAIN_Y + 400)
task("assessPalliativeCare", "Vurder palliativt team", END_X + 370, MAIN_Y + 400, group="lege", dialogue=True)
event("palliativeCareAssessed", "Palliativ vurdering fullført", END_X + 500, MAIN_Y + 400, tag="endEvent")
task("makeControlPlan", "Lag kontrollplan (aktiv overvåking)", END_X + 370, MAIN_Y + 520, group="lege",
     dialogue=True)
event("controlPlanMade", "Kontrollplan laget", END_X + 500, MAIN_Y + 520, tag="endEvent")
task("referToOtherPathway", "Henvis til riktig pakkeforløp (annen kreft)", END_X + 370, MAIN_Y + 640, group="lege",
     dialogue=True)
event("referredToOtherPathway", "Henvist videre", END_X + 500, MAIN_Y + 640, tag="endEvent")
task("informPatientOfResult", "Informer pasienten: ikke kreft", END_X + 370, MAIN_Y + 760, group="lege",
     dialogue=True)
event("patientInformedOfResult", "Pasient informert", END_X + 500, MAIN_Y + 760, tag="endEvent")

# ---------------------------------------------------------------- flows
flow("referralReceived", "registerReferral")
flow("registerReferral", "splitEntry")
flow("splitEntry", "informPatientAtReferral")
flow("informPatientAtReferral", "patientInformed")
flow("splitEntry", "pathwayPhase")
flow("pathwayPhaseStarted", "splitPhase")
flow("splitPhase", "adminLoop")
flow("adminLoop", "pathwayAdministration")
flow("pathwayAdministration", "adminActionGateway")
flow("adminActionGateway", "registerTransfer", "Overføring", "${administrativeAction == 'TRANSFER'}",
     label_at=(PH_X + 550, ADMIN_Y + 6))
flow("adminActionGateway", "registerTermination", "Avslutning", "${administrativeAction == 'TERMINATE'}",
     points=[(PH_X + 520, ADMIN_Y - 25), (PH_X + 520, ADMIN_Y - 55), (PH_X + 800, ADMIN_Y - 55),
             (PH_X + 800, ADMIN_Y - 40)], label_at=(PH_X + 600, ADMIN_Y - 72))
flow("registerTransfer", "adminLoop",
     points=[(PH_X + 640, ADMIN_Y + 40), (PH_X + 640, ADMIN_Y + 70), (PH_X + 260, ADMIN_Y + 70),
             (PH_X + 260, ADMIN_Y + 25)])
flow("registerTermination", "phaseTerminated")
flow("splitPhase", "referralToTreatment")
flow("referralToTreatment", "phaseCompleted")

flow("referralToTreatmentStarted", "registerFirstAttendance")
flow("registerFirstAttendance", "registerFirstAttendanceCode")
flow("registerFirstAttendanceCode", "firstAttendanceToDecision")
flow("workupStarted", "registerEndoscopyResult")
flow("registerEndoscopyResult", "endoscopyResultGateway")
flow("endoscopyResultGateway", "mdtLoop", "Ja", "${endoscopyResult == 'OESOPHAGEAL_OR_GASTRIC_CANCER'}")
flow("endoscopyResultGateway", "decisionMerge", "Nei", "${endoscopyResult != 'OESOPHAGEAL_OR_GASTRIC_CANCER'}",
     points=[(WD_X + 290, ROW - 25), (WD_X + 290, ROW - 115), (WD_X + 840, ROW - 115), (WD_X + 840, ROW - 25)])
flow("mdtLoop", "mdtAssessment")
flow("mdtAssessment", "supplementaryWorkupGateway")
flow("supplementaryWorkupGateway", "supplementaryWorkup", "Ja", "${supplementaryWorkupNeeded}",
     points=[(WD_X + 750, ROW + 25), (WD_X + 750, ROW + 105), (WD_X + 690, ROW + 105)])
flow("supplementaryWorkup", "mdtLoop", points=[(WD_X + 570, ROW + 105), (WD_X + 380, ROW + 105), (WD_X + 380, ROW + 25)])
flow("supplementaryWorkupGateway", "decisionMerge", "Nei", "${!supplementaryWorkupNeeded}")
flow("decisionMerge", "clinicalDecision")
flow("clinicalDecision", "decisionTaken")
flow("firstAttendanceToDecision", "registerDecisionCode")
flow("registerDecisionCode", "decisionRegistered")
flow("decisionRegistered", "decisionGateway")
flow("decisionGateway", "endedAfterDecision", "Nei (CM, CA, CI)", "${decisionCode != 'CK'}",
     points=[(AFTER_X + 280, ROW + 25), (AFTER_X + 280, ROW + 112)])
flow("decisionGateway", "plannedTreatmentGateway", "Ja (CK)", "${decisionCode == 'CK'}")
flow("plannedTreatmentGateway", "treatmentDecided", "Behandling",
     "${plannedTreatment != 'ACTIVE_SURVEILLANCE' && plannedTreatment != 'NO_TREATMENT'}")
flow("treatmentDecided", "registerTreatmentStart")
flow("plannedTreatmentGateway", "registerNoTreatmentCode", "Aktiv overvåking / ingen behandling",
     "${plannedTreatment == 'ACTIVE_SURVEILLANCE' || plannedTreatment == 'NO_TREATMENT'}")
flow("registerTreatmentStart", "registerTreatmentStartCode")
flow("registerTreatmentStartCode", "treatmentStarted")
flow("registerNoTreatmentCode", "endedWithoutTreatment")

for suffix, _, _, interval, *_ in TIMERS:
    flow(f"deadline{suffix}", f"recordBreach{suffix}")
    if interval in CONDITIONAL_INTERVALS:
        flow(f"recordBreach{suffix}", f"breachApplies{suffix}")
        flow(f"breachApplies{suffix}", f"breachReported{suffix}", "Ja", "${breachApplies}")
        flow(f"breachApplies{suffix}", f"breachNotApplicable{suffix}", "Nei", "${!breachApplies}")
    else:
        flow(f"recordBreach{suffix}", f"breachReported{suffix}")

flow("deadlineBreached", "followUpBreach")
flow("followUpBreach", "breachFollowedUp")
flow("breachWithdrawnMet", "breachMetAfterAll")
flow("breachWithdrawnNotApplicable", "breachNotApplicable")
flow("decisionTakenCaught", "informGpOfDecision")
flow("informGpOfDecision", "gpInformedOfDecision")
flow("treatmentDecidedCaught", "splitBeforeTreatment")
flow("splitBeforeTreatment", "informBeforeTreatment")
flow("splitBeforeTreatment", "offerNeedsAssessment")
flow("informBeforeTreatment", "joinBeforeTreatment")
flow("offerNeedsAssessment", "joinBeforeTreatment")
flow("joinBeforeTreatment", "dialogueBeforeTreatmentDone")

flow("pathwayPhase", "pathwayOutcomeGateway")

def outcome(target, name, codes, y):
    cond = " || ".join(f"pathwayEndCode == '{c}'" for c in codes)
    flow("pathwayOutcomeGateway", target, name, "${" + cond + "}",
         points=[(OUT_X, MAIN_Y + 25), (OUT_X, y), (elements[target]["x"], y)], label_at=(OUT_X + 8, y - 20))

flow("pathwayOutcomeGateway", "pathwayTerminated", "Avsluttet (A32X)", "${pathwayEndCode == 'X'}",
     points=[(OUT_X, MAIN_Y - 25), (OUT_X, MAIN_Y - 282)])
flow("pathwayOutcomeGateway", "treatmentFollowUpMerge", "Behandling (FK, FM, FS)",
     "${pathwayEndCode == 'FK' || pathwayEndCode == 'FM' || pathwayEndCode == 'FS'}", label_at=(OUT_X + 30, MAIN_Y - 45))
outcome("splitSymptomRelief", "Symptomlindring (FL)", ["FL"], MAIN_Y + 260)
outcome("palliativeMerge", "Ingen behandling (FI)", ["FI"], MAIN_Y + 400)
outcome("makeControlPlan", "Aktiv overvåking (FO)", ["FO"], MAIN_Y + 520)
outcome("referToOtherPathway", "Annen kreft (CM)", ["CM"], MAIN_Y + 640)
outcome("informPatientOfResult", "Ikke kreft (CA, CI)", ["CA", "CI"], MAIN_Y + 760)
flow("splitSymptomRelief", "treatmentFollowUpMerge", points=[(END_X + 230, MAIN_Y + 235), (END_X + 230, MAIN_Y + 25)])
flow("splitSymptomRelief", "palliativeMerge", points=[(END_X + 230, MAIN_Y + 285), (END_X + 230, MAIN_Y + 375)])
flow("palliativeMerge", "assessPalliativeCare")
flow("assessPalliativeCare", "palliativeCareAssessed")
flow("makeControlPlan", "controlPlanMade")
flow("referToOtherPathway", "referredToOtherPathway")
flow("informPatientOfResult", "patientInformedOfResult")
flow("treatmentFollowUpMerge", "splitAfterTreatmentStart")
flow("splitAfterTreatmentStart", "rehabilitationAssessment")
flow("splitAfterTreatmentStart", "registerEndOfTreatment")
flow("rehabilitationAssessment", "joinFollowUp")
flow("registerEndOfTreatment", "splitAfterEndOfTreatment")
for fid, *_ in FOLLOW:
    flow("splitAfterEndOfTreatment", fid)
    flow(fid, "joinAfterEndOfTreatment")
flow("joinAfterEndOfTreatment", "joinFollowUp")
flow("joinFollowUp", "followUpDone")

# Milestone tasks carry their deadline (contract.md): the Camunda due date of each milestone task is the deadline
# of the standard time(s) it works toward, so Tasklist shows and sorts by it. With two (the treatment start ends
# both the 14- and the 43-day time) the earlier deadline counts. Computed in Java (deadlines.Deadlines.taskDue).
MILESTONE_DEADLINES = {
    "registerFirstAttendance": ["REFERRAL_TO_FIRST_ATTENDANCE"],
    "registerEndoscopyResult": ["FIRST_ATTENDANCE_TO_DECISION"],
    "mdtAssessment": ["FIRST_ATTENDANCE_TO_DECISION"],
    "clinicalDecision": ["FIRST_ATTENDANCE_TO_DECISION"],
    "registerTreatmentStart": ["DECISION_TO_TREATMENT", "REFERRAL_TO_TREATMENT"],
}
# ---------------------------------------------------------------- XML
def attr(name, value):
    return f' {name}="{escape(str(value), {chr(34): "&quot;"})}"' if value is not None else ""

def semantic(e, indent):
    pad = " " * indent
    tag = e["tag"]
    a = attr("id", e["id"]) + attr("name", e["name"])
    # element templates (another helper's .element-templates): Modeler writes them right after id and name
    if tag == "serviceTask" and e.get("register"):
        a += attr("camunda:modelerTemplate", "no.pakkeforlop.registerCode") + attr("camunda:modelerTemplateVersion", "1")
    if tag == "serviceTask" and e.get("breach"):
        a += attr("camunda:modelerTemplate", "no.pakkeforlop.recordBreach") + attr("camunda:modelerTemplateVersion", "1")
    inner = []
    ext = []
    if e.get("props", {}).get("start"):
        a += attr("camunda:formRef", "registerReferral") + attr("camunda:formRefBinding", "deployment")
        # one intake for every way a pathway starts (REST, Tasklist start form, Java API)
        ext.append('<camunda:executionListener delegateExpression="${referralIntake}" event="start" />')
    if e.get("attachedToRef"):
        a += attr("attachedToRef", e["attachedToRef"])
        if e.get("cancelActivity") is False:
            a += attr("cancelActivity", "false")
    if e.get("asyncBefore"):
        a += attr("camunda:asyncBefore", "true")
        ext.append('<camunda:failedJobRetryTimeCycle>R5/PT1M</camunda:failedJobRetryTimeCycle>')
    if tag == "userTask":
        # every user task has a Camunda Form in forms/ whose id is the task's id
        a += attr("camunda:formRef", e["id"]) + attr("camunda:formRefBinding", "deployment")
        a += attr("camunda:candidateGroups", e["group"])
        if e["id"] in MILESTONE_DEADLINES:
            a += attr("camunda:dueDate",
                      f"${{deadlines.taskDue(execution, '{','.join(MILESTONE_DEADLINES[e['id']])}')}}")
        if e.get("validated"):
            ext.append('<camunda:taskListener delegateExpression="${milestoneValidation}" event="complete" />')
        if e.get("dialogue"):
            ext.append('<camunda:taskListener delegateExpression="${dialogueCompletion}" event="complete" />')
        if e.get("suggestFirstTreatment"):
            # pre-fills the form with the first treatment the plan makes clear (surgery alone, drugs, radiation,
            # symptom relief); left open when neoadjuvant therapy may come first
            ext.insert(0, '<camunda:executionListener delegateExpression="${firstTreatmentSuggestion}" event="start" />')
        if e["id"] == "followUpBreach":
            ext.append('<camunda:taskListener delegateExpression="${breachFollowUpRecorder}" event="complete" />')
        if e.get("inputs"):
            params = "".join(f'<camunda:inputParameter name="{k}">{escape(v)}</camunda:inputParameter>' if v
                             else f'<camunda:inputParameter name="{k}" />' for k, v in e["inputs"].items())
            ext.append(f"<camunda:inputOutput>{params}</camunda:inputOutput>")
    if tag == "serviceTask" and e.get("register"):
        # the event is an argument of the expression, not an input variable: no extra scope per registration
        a += attr("camunda:delegateExpression", f"${{registerCode.forEvent('{e['register']}')}}")
    if tag == "serviceTask" and e.get("breach"):
        a += attr("camunda:delegateExpression", f"${{recordBreach.forInterval('{e['breach']}')}}")
    if ext:
        inner.append(f"{pad}  <bpmn:extensionElements>\n" +
                     "".join(f"{pad}    {x}\n" for x in ext) + f"{pad}  </bpmn:extensionElements>")
    for f in flows:
        if f["tgt"] == e["id"]:
            inner.append(f"{pad}  <bpmn:incoming>{f['id']}</bpmn:incoming>")
    for f in flows:
        if f["src"] == e["id"]:
            inner.append(f"{pad}  <bpmn:outgoing>{f['id']}</bpmn:outgoing>")
    if e.get("timer"):
        inner.append(f'{pad}  <bpmn:timerEventDefinition id="{e["id"]}Timer">\n'
                     f'{pad}    <bpmn:timeDate xsi:type="bpmn:tFormalExpression">'
                     f'${{deadlines.due(execution, \'{e["timer"]}\')}}</bpmn:timeDate>\n'
                     f'{pad}  </bpmn:timerEventDefinition>')
    if e.get("message"):
        inner.append(f'{pad}  <bpmn:messageEventDefinition id="{e["id"]}Message" messageRef="{e["message"]}" />')
    if e.get("escalation"):
        inner.append(f'{pad}  <bpmn:escalationEventDefinition id="{e["id"]}Escalation" escalationRef="{e["escalation"]}" />')
    if e.get("terminate"):
        inner.append(f'{pad}  <bpmn:terminateEventDefinition id="{e["id"]}Terminate" />')
    if tag == "subProcess":
        for cid in order:
            if elements[cid]["scope"] == e["id"]:
                inner.append(semantic(elements[cid], indent + 2))
        for f in flows:
            if elements[f["src"]]["scope"] == e["id"] and elements[f["src"]]["tag"] != "boundaryEvent" \
                    or (elements[f["src"]]["tag"] == "boundaryEvent" and elements[f["src"]]["scope"] == e["id"]):
                inner.append(seqflow(f, indent + 2))
    body = "\n".join(inner)
    return f"{pad}<bpmn:{tag}{a}>\n{body}\n{pad}</bpmn:{tag}>" if body else f"{pad}<bpmn:{tag}{a} />"

def seqflow(f, indent):
    pad = " " * indent
    a = attr("id", f["id"]) + attr("name", f["name"]) + attr("sourceRef", f["src"]) + attr("targetRef", f["tgt"])
    if f["cond"]:
        return (f'{pad}<bpmn:sequenceFlow{a}>\n{pad}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
                f'{escape(f["cond"])}</bpmn:conditionExpression>\n{pad}</bpmn:sequenceFlow>')
    return f"{pad}<bpmn:sequenceFlow{a} />"

def label_bounds(e):
    if not e["name"]:
        return ""
    if e["kind"] == "event":
        w = 110
        return (f'<bpmndi:BPMNLabel><dc:Bounds x="{e["x"] + 18 - w // 2}" y="{e["y"] + 40}" '
                f'width="{w}" height="27" /></bpmndi:BPMNLabel>')
    if e["kind"] == "gateway" and e.get("label_at"):
        return (f'<bpmndi:BPMNLabel><dc:Bounds x="{e["label_at"][0]}" y="{e["label_at"][1]}" '
                f'width="120" height="27" /></bpmndi:BPMNLabel>')
    if e["kind"] == "gateway":
        w = 120
        y = e["y"] + 54 if e.get("label_below") else e["y"] - 34
        return (f'<bpmndi:BPMNLabel><dc:Bounds x="{e["x"] + 25 - w // 2}" y="{y}" '
                f'width="{w}" height="27" /></bpmndi:BPMNLabel>')
    return ""

def shape(e):
    extra = ""
    if e["tag"] == "subProcess":
        extra = ' isExpanded="true"'
    if e["tag"] in ("exclusiveGateway",):
        extra = ' isMarkerVisible="true"'
    lbl = label_bounds(e)
    return (f'      <bpmndi:BPMNShape id="{e["id"]}_di" bpmnElement="{e["id"]}"{extra}>\n'
            f'        <dc:Bounds x="{e["x"]:.0f}" y="{e["y"]:.0f}" width="{e["w"]}" height="{e["h"]}" />\n'
            + (f"        {lbl}\n" if lbl else "") + "      </bpmndi:BPMNShape>")

def edge(f):
    pts = "".join(f'\n        <di:waypoint x="{x:.0f}" y="{y:.0f}" />' for x, y in waypoints(f))
    lbl = ""
    if f["name"]:
        # Modeler style: beside a vertical first segment, above a horizontal one, just after the source
        (x1, y1), (x2, y2) = waypoints(f)[0], waypoints(f)[1]
        if f["label_at"]:
            lx, ly = f["label_at"]
        elif abs(x2 - x1) < 1:
            lx, ly = x1 + 6, (y1 + y2) / 2 - 7 if abs(y2 - y1) > 40 else (y1 + y2) / 2 + (8 if y2 > y1 else -22)
        else:
            lx, ly = x1 + 6, y1 - 20
        lbl = (f'\n        <bpmndi:BPMNLabel><dc:Bounds x="{lx:.0f}" y="{ly:.0f}" '
               f'width="{max(40, 7 * len(f["name"]))}" height="14" /></bpmndi:BPMNLabel>')
    return f'      <bpmndi:BPMNEdge id="{f["id"]}_di" bpmnElement="{f["id"]}">{pts}{lbl}\n      </bpmndi:BPMNEdge>'

def main():
    top = [semantic(elements[i], 4) for i in order if elements[i]["scope"] == "P"]
    top += [seqflow(f, 4) for f in flows if elements[f["src"]]["scope"] == "P"]
    # draw containers first so that their content is on top
    shapes = [shape(elements[i]) for i in order if elements[i]["tag"] == "subProcess"]
    shapes += [shape(elements[i]) for i in order if elements[i]["tag"] not in ("subProcess", "boundaryEvent")]
    shapes += [shape(elements[i]) for i in order if elements[i]["tag"] == "boundaryEvent"]
    edges = [edge(f) for f in flows]
    xml = f'''<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tools/generate_bpmn.py: change the model there and run it again. -->
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  id="pakkeforlop-spiseror-magesekk-definitions"
                  targetNamespace="http://pakkeforlop.no/bpmn"
                  exporter="tools/generate_bpmn.py" exporterVersion="1"
                  modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
  <bpmn:escalation id="Escalation_DeadlineBreached" name="Forløpsfrist overskredet" escalationCode="DEADLINE_BREACHED" />
  <bpmn:escalation id="Escalation_TreatmentDecided" name="Behandling skal gis" escalationCode="TREATMENT_DECIDED" />
  <bpmn:escalation id="Escalation_DecisionTaken" name="Beslutning tatt" escalationCode="DECISION_TAKEN" />
  <bpmn:message id="Message_DeadlineMetAfterAll" name="deadlineMetAfterAll" />
  <bpmn:message id="Message_DeadlineNotApplicable" name="deadlineNotApplicable" />
  <bpmn:process id="{PROCESS_ID}" name="Pakkeforløp for kreft i spiserør og magesekk" isExecutable="true"
                camunda:historyTimeToLive="3650" camunda:candidateStarterGroups="forlopskoordinator">
{chr(10).join(top)}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="{PROCESS_ID}">
{chr(10).join(shapes)}
{chr(10).join(edges)}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
'''
    out = os.path.join(os.path.dirname(__file__), "..", "processes", f"{PROCESS_ID}.bpmn")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(xml)
    print(f"wrote {os.path.normpath(out)}: {len(elements)} elements, {len(flows)} flows")

if __name__ == "__main__":
    main()
