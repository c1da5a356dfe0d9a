using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Publication;

/// <summary>
/// Stage 9, the report and its publication (toolkit, "Publication"): the Board endorses the report; a publication
/// planning meeting sets the date; the report goes to the National Panel at least one week before (D10); it is
/// published with its date and link, a copy goes to the NSPCC National SCR Library, and it stays online at least 12
/// months (D11), then is available on request. A decision not to publish goes to the National Panel for advice, and
/// its answer is recorded.
/// </summary>
public sealed class PublicationSteps : IStageSteps
{
    public const string Endorse = "publication/endorse";
    public const string Plan = "publication/plan";
    public const string Panel = "publication/panel";
    public const string Publish = "publication/publish";
    public const string Library = "publication/library";
    public const string Online = "publication/online";
    public const string Advice = "publication/advice";
    public const string Decide = "publication/decide";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.ReviewCompletedOn is null)
        {
            yield break;
        }

        var managers = view.WithRole(Role.BoardManager);
        var publishing = state.Stage == Stage.ReportAndPublication;
        var notPublished = state.NotPublishedReasons is not null;

        yield return new CaseStep(Endorse, "Record the Board's endorsement of the report", managers, null,
            Open: publishing && state.ReportEndorsedOn is null, view.Last<ReportEndorsed>(), PublicationCards.Endorse);

        if (state.ReportEndorsedOn is null)
        {
            yield break;
        }

        // The report is published unless the Independent Chair decides otherwise; her step ends once publication is planned.
        yield return new CaseStep(Decide, "Decide whether not to publish the report", view.WithRole(Role.IndependentChair), null,
            Open: publishing && state.PlannedPublicationDate is null && !notPublished, view.Last<DecidedNotToPublish>(), PublicationCards.Decide);

        yield return new CaseStep(Plan, "Plan the publication", managers, null,
            Open: publishing && state.PlannedPublicationDate is null && !notPublished, view.Last<PublicationPlanned>(), PublicationCards.Plan);

        if (state.PlannedPublicationDate is not null)
        {
            yield return new CaseStep(Panel, "Send the report to the National Panel", managers, view.DueOf("D10"),
                Open: !notPublished && state.ReportSentToNationalPanelOn is null && state.Stage is Stage.ReportAndPublication or Stage.ActionPlan,
                view.Last<ReportSentToNationalPanel>(), PublicationCards.Panel);
        }

        if (state.ReportSentToNationalPanelOn is not null)
        {
            yield return new CaseStep(Publish, "Publish the report", managers, state.PlannedPublicationDate,
                Open: publishing && state.ReportPublishedOn is null, view.Last<ReportPublished>(), PublicationCards.Publish);
        }

        if (state.ReportPublishedOn is { } published)
        {
            yield return new CaseStep(Library, "Send a copy to the NSPCC National SCR Library", managers, null,
                Open: state.ReportSentToLibraryOn is null && state.Stage != Stage.Closed, view.Last<ReportSentToLibrary>(), PublicationCards.Library);

            var up = view.DueOf("D11") ?? published.AddMonths(12);
            yield return new CaseStep(Online, "Take the report off the website: available on request", managers, up,
                Open: state.ReportRemovedOn is null && view.Today >= up, view.Last<ReportRemovedFromWebsite>(), PublicationCards.Online);
        }

        if (notPublished)
        {
            yield return new CaseStep(Advice, "Record the National Panel's advice on not publishing", managers, null,
                Open: state.NationalPanelAdvice is null && state.Stage != Stage.Closed, view.Last<NationalPanelAdviceRecorded>(), PublicationCards.Advice);
        }
    }
}
