using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScrBot.Bot.Routing;

namespace ScrBot.Bot.Delivery;

public static class DeliveryRegistration
{
    /// <summary>
    /// <see cref="PersonDelivery"/>, the held cards, and the router's hook that sends what is held for a person the
    /// moment they install or open ScrBot. Needs <c>AddScrBot()</c> and the board directory first.
    /// </summary>
    public static IServiceCollection AddPersonDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton<IHeldCards, HeldCardsTable>();
        services.TryAddSingleton<PersonDelivery>();
        services.AddSingleton<IPersonReachable>(sp => sp.GetRequiredService<PersonDelivery>());
        return services;
    }
}
