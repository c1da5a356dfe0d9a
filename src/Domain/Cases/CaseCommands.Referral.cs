using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

/// <summary>
/// The review process as commands. Each takes the case's current state, the <see cref="CommandContext"/> and its
/// arguments, checks the actor's role and the case's stage, and returns either new facts (stamped with the context's
/// time and actor) or a refusal in plain English. A command never changes anything itself.
/// </summary>
public static partial class CaseCommands
{
    /// <summary>
    /// Stage 1: a senior manager of any agency refers a case with the notification form. The case's lead board is the
    /// board of the child's home area, or of the responsible local authority for a looked-after child
    /// (<see cref="NotificationForm.LeadBoard"/>); the referrer's board, when another leads, and the other boards named
    /// are cooperating partners; the referrer has the Referrer role on the
    /// case. A form with problems is refused with every problem, each naming its field, and produces nothing.
    /// </summary>
    public static Outcome Refer(CaseReference reference, NotificationForm form, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(context);

        var errors = NotificationFormRules.Validate(form, context.Directory, context.Today);
        if (errors.Count > 0)
        {
            return Outcome.Refused(errors);
        }

        return Outcome.Accepted(new CaseReferred(reference, form.LeadBoard, form.CooperatingBoards, form)
        {
            At = context.Now,
            By = context.Actor,
        });
    }

    /// <inheritdoc cref="Refer(CaseReference, NotificationForm, CommandContext)"/>
    public static Outcome Refer(CaseReference reference, NotificationForm form, CommandContext context, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Refer(reference, form, context with { Directory = directory });
    }
}
