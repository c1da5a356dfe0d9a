using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Referral;

/// <summary>What the journey answers: the card that replaces the one pressed, and the case created when the form was sent.</summary>
public sealed record JourneyResult(JsonObject Card, CaseReferred? Referred = null);

/// <summary>
/// The notification form as a journey through cards: start (or offer to resume a draft), Next and Back through six
/// sections with the draft saved after each, Add another person, Review, Send, Discard. Every answer is checked on
/// the server (the card's own checks are a convenience); a problem is shown beside its input with the user's answers
/// kept. Sending runs the domain's Refer command through the case store, once per draft however often Send is pressed.
/// </summary>
public sealed class ReferralJourney(
    IDraftStore drafts,
    CaseStore cases,
    BoardDirectory directory,
    TimeProvider time,
    ProcessProfiles profiles,
    ILogger<ReferralJourney>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    private DateOnly Today => LondonTime.Today(time);

    /// <summary><c>refer</c>, or the New referral button: the resume prompt when there is a draft, else a new form.</summary>
    public async Task<JsonObject> StartAsync(Actor user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var existing = await drafts.GetAsync(user.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            var sending = await drafts.FindSentAsync(user.Id, existing.DraftId, cancellationToken).ConfigureAwait(false);
            if (sending is null)
            {
                return ResumeDraftCard.Build(existing);
            }

            if (sending.Reference is null)
            {
                // Send was pressed and the case is being made: the form is not offered again.
                return ReferralClosedCard.BeingSent(existing.DraftId);
            }

            // Sent already; what is left of its draft goes (a sent form's details live in its case only).
            await drafts.DeleteAsync(user.Id, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var prefill = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(user.Name))
        {
            prefill[FormFields.ReferrerName] = user.Name.Trim();
        }

        var boards = directory.BoardsOf(user.Id);
        if (boards.Count == 1)
        {
            prefill[FormFields.Board] = boards[0].Id.Value;
            if (boards[0].Members.FirstOrDefault(m => m.Person == user.Id && m.Agency is not null)?.Agency is { } agency)
            {
                prefill[FormFields.ReferrerAgency] = agency.Value;
            }
        }
        else if (directory.Boards.Count == 1)
        {
            prefill[FormFields.Board] = directory.Boards[0].Id.Value;
        }

        var draft = FormDraft.Start(user.Id, Guid.NewGuid().ToString("N"), now, prefill);
        try
        {
            draft = await drafts.SaveAsync(draft, cancellationToken).ConfigureAwait(false);
        }
        catch (DraftChangedException)
        {
            // Another refer started a draft at the same moment: that one is offered.
            return await drafts.GetAsync(user.Id, cancellationToken).ConfigureAwait(false) is { } other
                ? ResumeDraftCard.Build(other)
                : ReferralClosedCard.NoLongerOpen();
        }

        return SectionCard(draft, FormSection.Referrer, FormErrors.None);
    }

    /// <summary>A button on one of the journey's cards.</summary>
    public async Task<JourneyResult> ActAsync(Actor user, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(data);
        if (verb.Equals(FormSectionFrame.VerbStart, StringComparison.OrdinalIgnoreCase))
        {
            return new JourneyResult(await StartAsync(user, cancellationToken).ConfigureAwait(false));
        }

        var draftId = SubmissionParser.String(data, "draftId");
        var draft = await drafts.GetAsync(user.Id, cancellationToken).ConfigureAwait(false);
        if (draft is null || draftId is null || draft.DraftId != draftId)
        {
            return new JourneyResult(await ClosedFormAsync(user, draftId, cancellationToken).ConfigureAwait(false));
        }

        if (await drafts.FindSentAsync(user.Id, draftId, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Send was pressed on this form: no other button may save its draft again.
            return new JourneyResult(await ClosedFormAsync(user, draftId, cancellationToken).ConfigureAwait(false));
        }

        try
        {
            return await ActOnDraftAsync(user, verb, draft, data, cancellationToken).ConfigureAwait(false);
        }
        catch (DraftChangedException)
        {
            // Sent, discarded or saved from another card meanwhile: nothing was saved from this one.
            var now = await drafts.GetAsync(user.Id, cancellationToken).ConfigureAwait(false);
            return now is null || now.DraftId != draftId || await drafts.FindSentAsync(user.Id, draftId, cancellationToken).ConfigureAwait(false) is not null
                ? new JourneyResult(await ClosedFormAsync(user, draftId, cancellationToken).ConfigureAwait(false))
                : new JourneyResult(SectionCard(now, now.Section, FormErrors.None,
                    "This form was changed from another card at the same moment, so your last answers here were not saved. Here it is as saved."));
        }
    }

    private async Task<JourneyResult> ActOnDraftAsync(Actor user, string verb, FormDraft draft, JsonObject data, CancellationToken cancellationToken)
    {
        var section = SubmissionParser.Section(data) ?? draft.Section;
        switch (verb.ToLowerInvariant())
        {
            case FormSectionFrame.VerbNext:
            case FormSectionFrame.VerbReview:
                return new JourneyResult(await NextAsync(draft, section, data, cancellationToken).ConfigureAwait(false));

            case FormSectionFrame.VerbAdd:
                return new JourneyResult(await AddPersonAsync(draft, data, cancellationToken).ConfigureAwait(false));

            case FormSectionFrame.VerbBack:
                var target = SubmissionParser.Section(data, InputIds.GoToSection) ?? section;
                return new JourneyResult(await GoToAsync(draft, target, cancellationToken).ConfigureAwait(false));

            case FormSectionFrame.VerbResume:
            case FormSectionFrame.VerbCheck:
                return new JourneyResult(SectionCard(draft, draft.Section, FormErrors.None));

            case FormSectionFrame.VerbDiscard:
                await drafts.DeleteAsync(user.Id, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("A referral draft was discarded");
                return new JourneyResult(ReferralClosedCard.Discarded(time.GetUtcNow()));

            case FormSectionFrame.VerbSubmit:
                return await SubmitAsync(user, draft, cancellationToken).ConfigureAwait(false);

            default:
                return new JourneyResult(SectionCard(draft, draft.Section, FormErrors.None,
                    "That button is not part of this form. Your answers are as you left them."));
        }
    }

    /// <summary>The card for a section, drawn from the draft with the given errors.</summary>
    public JsonObject SectionCard(FormDraft draft, FormSection section, FormErrors errors, string? banner = null)
    {
        var view = new FormSectionView(draft, directory, errors, Today, banner);
        return section switch
        {
            FormSection.Referrer => ReferrerSectionCard.Build(view),
            FormSection.Child => ChildSectionCard.Build(view),
            FormSection.Incident => IncidentSectionCard.Build(view),
            FormSection.SignificantOthers => SignificantOthersSectionCard.Build(view),
            FormSection.AgenciesAndBoards => AgenciesSectionCard.Build(view),
            _ => ParallelProcessesSectionCard.Build(view),
        };
    }

    private async Task<JsonObject> NextAsync(FormDraft draft, FormSection section, JsonObject data, CancellationToken cancellationToken)
    {
        var answered = draft.WithSection(section, SubmissionParser.Inputs(data, section, draft.SignificantOtherRows)) with
        {
            SavedAt = time.GetUtcNow(),
        };
        var upTo = FormSections.All.Where(s => s <= section || answered.HasAnswered(s)).ToList();
        var check = FormCheck.Check(answered, directory, Today, upTo);

        if (check.Errors.FirstSection is { } first)
        {
            var saved = await SaveAsync(answered with { Section = first }, cancellationToken).ConfigureAwait(false);
            if (saved is null)
            {
                return SectionCard(answered, section, FormErrors.None, TooLargeBanner);
            }

            var banner = first == section ? null : $"An answer in this section does not fit with what you gave in {FormSections.Title(section).ToLowerInvariant()}: please check it.";
            return SectionCard(saved, first, check.Errors, banner);
        }

        var passed = answered with { SectionsPassed = Math.Max(answered.SectionsPassed, (int)section) };
        if (section == FormSection.ParallelProcesses || draft.SectionsPassed >= FormSections.Count)
        {
            var all = FormCheck.CheckAll(passed, directory, Today);
            if (all.Errors.FirstSection is { } missing)
            {
                var held = await SaveAsync(passed with { Section = missing }, cancellationToken).ConfigureAwait(false);
                return SectionCard(held ?? passed, missing, all.Errors, "Please complete this section before reviewing the referral.");
            }

            var reviewing = await SaveAsync(passed with { Section = FormSection.ParallelProcesses }, cancellationToken).ConfigureAwait(false);
            return reviewing is null
                ? SectionCard(passed, section, FormErrors.None, TooLargeBanner)
                : ReviewCard.Build(reviewing, all.Form, directory);
        }

        var next = section + 1;
        var moved = await SaveAsync(passed with { Section = next }, cancellationToken).ConfigureAwait(false);
        return moved is null ? SectionCard(answered, section, FormErrors.None, TooLargeBanner) : SectionCard(moved, next, FormErrors.None);
    }

    private async Task<JsonObject> AddPersonAsync(FormDraft draft, JsonObject data, CancellationToken cancellationToken)
    {
        var shown = draft.SignificantOtherRows;
        var answered = draft.WithSection(FormSection.SignificantOthers, SubmissionParser.Inputs(data, FormSection.SignificantOthers, shown))
            .WithAnotherSignificantOther(shown) with
        {
            Section = FormSection.SignificantOthers,
            SavedAt = time.GetUtcNow(),
        };
        var saved = await SaveAsync(answered, cancellationToken).ConfigureAwait(false);
        return SectionCard(saved ?? draft, FormSection.SignificantOthers, FormErrors.None, saved is null ? TooLargeBanner : null);
    }

    private async Task<JsonObject> GoToAsync(FormDraft draft, FormSection target, CancellationToken cancellationToken)
    {
        // Only sections already reached can be opened: a section cannot be skipped by editing what a card sends.
        var reachable = (FormSection)Math.Min((int)target, Math.Min(draft.SectionsPassed + 1, FormSections.Count));
        var moved = await SaveAsync(draft with { Section = reachable }, cancellationToken).ConfigureAwait(false);
        return SectionCard(moved ?? draft, reachable, FormErrors.None);
    }

    private async Task<JourneyResult> SubmitAsync(Actor user, FormDraft draft, CancellationToken cancellationToken)
    {
        var all = FormCheck.CheckAll(draft, directory, Today);
        if (all.Errors.FirstSection is { } wrong)
        {
            return new JourneyResult(SectionCard(draft, wrong, all.Errors, "The referral was not sent: please correct this section first."));
        }

        if (!await drafts.ClaimSendingAsync(user.Id, draft.DraftId, cancellationToken).ConfigureAwait(false))
        {
            return new JourneyResult(await ClosedFormAsync(user, draft.DraftId, cancellationToken).ConfigureAwait(false));
        }

        CaseResult result;
        var now = time.GetUtcNow();
        try
        {
            var context = new CommandContext(user, now, directory);
            result = await cases.ReferAsync(
                all.Form.LeadBoard,
                LondonTime.DateOf(now).Year,
                user,
                reference => CaseCommands.Refer(reference, all.Form, context),
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await drafts.ReleaseSendingAsync(user.Id, draft.DraftId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result.IsRefused)
        {
            await drafts.ReleaseSendingAsync(user.Id, draft.DraftId, cancellationToken).ConfigureAwait(false);
            var refused = FormCheck.FromRefusals(result.Outcome.Refusals);
            var section = refused.FirstSection ?? FormSection.ParallelProcesses;
            return new JourneyResult(SectionCard(draft, section, refused, "The referral was not sent."));
        }

        var referred = result.Outcome.Facts.OfType<CaseReferred>().Single();
        await drafts.RecordSentAsync(user.Id, draft.DraftId, referred.LeadBoard, referred.Reference, cancellationToken).ConfigureAwait(false);
        await drafts.DeleteAsync(user.Id, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Referral {Reference} sent to board {Board}", referred.Reference.Value, referred.LeadBoard.Value);
        return new JourneyResult(Acknowledgement(referred), referred);
    }

    /// <summary>The acknowledgement with its advice, for a referral just sent (or sent before, when Send is pressed again).</summary>
    public JsonObject Acknowledgement(CaseReferred referred)
    {
        ArgumentNullException.ThrowIfNull(referred);
        return AcknowledgementCard.Build(referred.Reference, referred.Form, CriteriaAssessment.Assess(referred.Form), referred.At, directory, profiles.For(referred.LeadBoard).CreateCalendar());
    }

    /// <summary>A card pressed on a form that is no longer open: its acknowledgement when it was sent, else a note that it is closed.</summary>
    private async Task<JsonObject> ClosedFormAsync(Actor user, string? draftId, CancellationToken cancellationToken)
    {
        if (draftId is { Length: > 0 and <= MaxDraftIdLength } && await drafts.FindSentAsync(user.Id, draftId, cancellationToken).ConfigureAwait(false) is { } sent)
        {
            if (sent is { Board: { } board, Reference: { } reference } &&
                await cases.LoadAsync(board, reference, cancellationToken).ConfigureAwait(false) is { } stored &&
                stored.Facts.OfType<CaseReferred>().FirstOrDefault() is { } referred)
            {
                return Acknowledgement(referred);
            }

            return ReferralClosedCard.BeingSent(draftId);
        }

        return ReferralClosedCard.NoLongerOpen();
    }

    /// <summary>A draft id is a GUID's 32 hex digits; anything much longer was not written by ScrBot and is not looked up.</summary>
    private const int MaxDraftIdLength = 64;

    private const string TooLargeBanner = "Your answers are too long to save. Shorten the longest ones and press Next again.";

    private async Task<FormDraft?> SaveAsync(FormDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            return await drafts.SaveAsync(draft, cancellationToken).ConfigureAwait(false);
        }
        catch (DraftTooLargeException)
        {
            _logger.LogWarning("A referral draft was too large to save");
            return null;
        }
    }
}
