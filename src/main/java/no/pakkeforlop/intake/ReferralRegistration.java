package no.pakkeforlop.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.pakkeforlop.decisions.ReasonedSuspicion;
import no.pakkeforlop.refusals.ActivePathwayExistsException;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.refusals.PathwayConflictException;
import no.pakkeforlop.rules.CurrentUser;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers a referral from the API: checks it, starts its pathway, and answers a
 * repeated referral with the pathway it already has. The referral row (written by
 * {@link ReferralIntake}) and the pathway start commit in one transaction; the unique
 * referral id decides between concurrent duplicates, and the loser looks again, in a
 * fresh transaction, at what the winner committed. A referral for a patient whose pathway
 * of the same kind runs starts none: it is attached to that pathway (409 with its
 * referral id). The referral names its pathway ({@code pathway}, default
 * {@value PathwayCatalog#DEFAULT_PATHWAY}); it is checked with that pathway's rules and
 * starts that pathway's process.
 */
@Service
public class ReferralRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(ReferralRegistration.class);

    private static final int ATTEMPTS = 5;

    /** The outcome: the pathway of the referral, and whether this request started it. */
    public record Registered(String referralId, String processInstanceId, boolean started) {
    }

    private final PathwayCatalog catalog;

    private final RuntimeService runtime;

    private final ProcessEngine engine;

    private final ReferralRegistry referrals;

    private final TransactionTemplate transaction;

    private final AdditionalReferrals additionalReferrals;

    public ReferralRegistration(PathwayCatalog catalog, RuntimeService runtime, ProcessEngine engine,
            ReferralRegistry referrals, TransactionTemplate transaction, AdditionalReferrals additionalReferrals) {
        this.catalog = catalog;
        this.runtime = runtime;
        this.engine = engine;
        this.referrals = referrals;
        this.transaction = transaction;
        this.additionalReferrals = additionalReferrals;
    }

    public Registered register(ReferralRequest request) {
        String named = request.pathway() == null || request.pathway().isBlank() ? null : request.pathway().trim();
        Optional<PathwayRules> chosen = named == null ? Optional.of(catalog.defaultPathway()) : catalog.pathway(named);
        // an unknown pathway is refused with the other field errors, the rest checked
        // as for the default pathway
        PathwayRules rules = chosen.orElseGet(catalog::defaultPathway);
        ReferralValidation.Result result = ReferralValidation.validate(request.variables(), rules.pathway(),
                PathwayDates.today(rules.zone()), criteria -> ReasonedSuspicion.holds(engine, criteria));
        if (chosen.isEmpty() || !result.valid()) {
            List<FieldError> errors = new ArrayList<>();
            if (chosen.isEmpty()) {
                errors.add(catalog.unknown(named));
            }
            errors.addAll(result.errors());
            throw new InputRefusedException(errors).renamed(ReferralRequest::jsonField);
        }
        Referral referral = result.referral();
        for (int attempt = 1;; attempt++) {
            Optional<Registered> existing = existing(referral);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                String processInstanceId = transaction.execute(status -> runtime
                    .startProcessInstanceByKey(rules.processKey(), referral.referralId(), referral.toVariables())
                    .getId());
                return new Registered(referral.referralId(), processInstanceId, true);
            }
            catch (RuntimeException e) {
                // another request with the same referral id may have won: its row is
                // committed by now, or soon
                Optional<Registered> winner = existing(referral);
                if (winner.isPresent()) {
                    return winner.get();
                }
                if (e instanceof ActivePathwayExistsException active) {
                    throw attach(rules, referral, active.activeReferralId());
                }
                if (e instanceof InputRefusedException rejected) {
                    throw rejected.renamed(ReferralRequest::jsonField);
                }
                if (attempt == ATTEMPTS || !concurrencyFailure(e)) {
                    throw e;
                }
                LOG.debug("Referral {}: start attempt {} lost a race, trying again", referral.referralId(), attempt, e);
            }
        }
    }

    /**
     * The patient's pathway of this kind is running: the referral is recorded as an
     * additional referral of it (once, however often it is sent), in a transaction of its
     * own, and its coordinator gets a task to act on it. No second referral code (A32A).
     */
    private ActivePathwayExistsException attach(PathwayRules rules, Referral referral, String activeReferralId) {
        for (int attempt = 1;; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    if (referrals.recordAdditional(referral, activeReferralId, ClockUtil.getCurrentTime().toInstant(),
                            CurrentUser.of(engine))) {
                        additionalReferrals.notifyRunningPathway(referral, activeReferralId);
                    }
                });
                break;
            }
            catch (RuntimeException e) {
                // another referral of the patient attached at the same moment (the
                // running pathway changed under us), or the same one recorded it: look
                // again
                if (attempt == ATTEMPTS || !concurrencyFailure(e)) {
                    throw e;
                }
                LOG.debug("Referral {}: attaching to {} lost a race, trying again", referral.referralId(),
                        activeReferralId, e);
            }
        }
        return new ActivePathwayExistsException("patient.nationalId", "Pasienten har allerede et pågående "
                + "pakkeforløp (henvisning «" + activeReferralId + "»). Henvisningen «" + referral.referralId()
                + "» er lagt til det forløpet som tilleggshenvisning, og forløpskoordinatoren har fått en oppgave; "
                + "ingen ny " + rules.code(rules.event("REFERRAL").suffixFor(null).orElse("A")) + ".",
                activeReferralId);
    }

    private Optional<Registered> existing(Referral referral) {
        return referrals.find(referral.referralId()).map(stored -> {
            if (!stored.contentHash().equals(referral.contentHash())) {
                throw new PathwayConflictException("referralId", "Henvisning «" + referral.referralId()
                        + "» er allerede registrert med et annet innhold. En ny henvisning må ha en ny henvisnings-ID.");
            }
            return new Registered(stored.referralId(), stored.processInstanceId(), false);
        });
    }

    private static boolean concurrencyFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataIntegrityViolationException || cause instanceof ConcurrencyFailureException
                    || cause instanceof TransientDataAccessException || cause instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }

}
