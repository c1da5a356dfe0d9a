using Microsoft.Extensions.Logging;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Connector;

/// <summary>
/// A person's 1:1 chat with the bot, found by what ScrBot stores about people (their Entra object id): the chat kept
/// when they installed the app, or else one started through the Bot Connector (<c>POST v3/conversations</c> with the
/// aadObjectId as the member) and kept from then on. Starting one needs the app installed for them, personally or in
/// a team they are in, and a serviceUrl and tenant, taken from a conversation the bot already knows in that tenant.
/// </summary>
public sealed class PersonalChats(
    IConversationReferences references,
    BotSender sender,
    BotSettings settings,
    ILogger<PersonalChats> logger)
{
    /// <summary>The person's chat with the bot, or null (with the reason logged) when it cannot be reached.</summary>
    /// <param name="aadObjectId">The person's Entra object id.</param>
    /// <param name="via">A conversation in the person's tenant (e.g. the board's channel): its serviceUrl and tenant are used.</param>
    public async Task<ConversationReference?> FindOrStartAsync(string aadObjectId, ConversationReference via, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentNullException.ThrowIfNull(via);
        if (await references.FindPersonalAsync(aadObjectId, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            return kept;
        }

        var bot = settings.AppId is { } appId ? new ChannelAccount { Id = "28:" + appId } : null;
        var created = await sender.CreatePersonalConversationAsync(via.ServiceUrl, via.TenantId, bot, aadObjectId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!created.Created || string.IsNullOrEmpty(created.ConversationId))
        {
            logger.LogWarning("Could not start a personal chat in tenant {TenantId}: {Problem}", via.TenantId, created.Problem);
            return null;
        }

        var chat = new ConversationReference(via.ServiceUrl, created.ConversationId, via.TenantId, ConversationTypes.Personal, UserAadObjectId: aadObjectId);
        await references.SaveAsync(chat, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Started and kept personal chat {ConversationId}", chat.ConversationId);
        return chat;
    }
}
