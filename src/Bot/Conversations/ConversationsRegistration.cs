using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Stages.Panel;
using ScrBot.Bot.Stages.ActionPlan;
using ScrBot.Bot.Stages.Decision;
using ScrBot.Bot.Stages.Preparing;
using ScrBot.Bot.Stages.Publication;
using ScrBot.Bot.Stages.Review;
using ScrBot.Bot.Stages.Reviewer;
using ScrBot.Bot.Stages.SubGroup;

namespace ScrBot.Bot.Conversations;

public static class ConversationsRegistration
{
    /// <summary>
    /// The interaction model (task cards, updates in place, the hub card, <c>tasks</c>, the step buttons of
    /// <c>case</c>) and the stages that use it: the sub-group's decision (stage 3), preparing the Scoping Panel
    /// (stage 4), the Scoping Panel meeting (stage 5), the Independent Chair's decision with what follows it (stages 6–7),
    /// commissioning the reviewer (7–8), the review (8), the report and its publication (9) and the action plan through to the case's close (10). Needs
    /// <c>AddReferralJourney()</c> first (the case store and the board directory).
    /// </summary>
    public static IServiceCollection AddCaseStages(this IServiceCollection services)
    {
        services.AddSingleton<TaskLedger>();
        services.AddSingleton<CaseConversations>();
        services.AddSingleton<CaseSyncQueue>();
        services.AddSingleton<ScrBot.Bot.Delivery.IHeldCardSender, CaseStepHeldCards>();
        services.AddHostedService<CaseSyncWorker>();
        services.AddSingleton<IStageSteps, SubGroupSteps>();
        services.AddSingleton<IStageSteps, PreparingSteps>();
        services.AddSingleton<IHubPart, PreparingHub>();
        services.AddSingleton<IStageSteps, PanelSteps>();
        services.AddSingleton<IHubPart, PanelHub>();
        services.AddSingleton<PanelAnswersWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PanelAnswersWorker>());
        services.AddSingleton<IStageSteps, ReviewerSteps>();
        services.AddSingleton<IHubPart, ReviewerHub>();
        services.AddSingleton<IStageSteps, ReviewSteps>();
        services.AddSingleton<IHubPart, ReviewHub>();
        services.AddSingleton<IStageSteps, PublicationSteps>();
        services.AddSingleton<IStageSteps, ActionPlanSteps>();
        services.AddSingleton<IHubPart, ActionPlanHub>();
        services.AddSingleton<IStageSteps, DecisionSteps>();
        services.AddSingleton<IHubPart, ChecklistHub>();
        services.AddSingleton<TasksCommand>();
        services.AddSingleton<ICommandHandler>(sp => sp.GetRequiredService<TasksCommand>());
        services.AddCardAction<OpenTaskAction>();
        services.AddCardAction<SubGroupActions>();
        services.AddCardAction<PreparingActions>();
        services.AddCardAction<PanelActions>();
        services.AddCardAction<ReviewerActions>();
        services.AddCardAction<ReviewActions>();
        services.AddCardAction<PublicationActions>();
        services.AddCardAction<ActionPlanActions>();
        services.AddCardAction<DecisionActions>();
        services.AddCardAction<ChecklistActions>();
        services.AddHelpEntry(new HelpEntry("My tasks", "What you owe across all your cases, most urgent first", Verb: TasksCard.ListVerb, Command: TasksCommand.Word, Order: 30));
        return services;
    }
}
