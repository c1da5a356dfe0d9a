using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Routing;

namespace ScrBot.Bot.Hosting;

/// <summary>How features plug into the router (call these in Program.cs after <c>AddScrBot()</c>).</summary>
public static class RoutingExtensions
{
    /// <summary>Registers a typed command (singleton).</summary>
    public static IServiceCollection AddCommand<T>(this IServiceCollection services)
        where T : class, ICommandHandler
    {
        services.AddSingleton<ICommandHandler, T>();
        return services;
    }

    /// <summary>Registers a card action handler for its verb prefix (singleton).</summary>
    public static IServiceCollection AddCardAction<T>(this IServiceCollection services)
        where T : class, ICardActionHandler
    {
        services.AddSingleton<ICardActionHandler, T>();
        return services;
    }

    /// <summary>Puts a button (and/or a typed command) on the help card.</summary>
    public static IServiceCollection AddHelpEntry(this IServiceCollection services, HelpEntry entry)
    {
        services.AddSingleton(entry);
        return services;
    }
}
