namespace ScrBot.Domain.Calendar;

/// <summary>
/// A one-off change to the usual bank holidays, made by royal proclamation.
/// When <see cref="InsteadOf"/> is set the usual holiday on that date is moved to <see cref="Date"/>;
/// otherwise <see cref="Date"/> is an extra bank holiday.
/// </summary>
public sealed record BankHolidayChange(DateOnly Date, string Name, DateOnly? InsteadOf = null);

/// <summary>The one-off bank holiday changes in England and Wales. Add new proclamations here.</summary>
public static class BankHolidayChanges
{
    public static IReadOnlyList<BankHolidayChange> EnglandAndWales { get; } =
    [
        // 75th anniversary of VE day: the early May bank holiday moved from Monday 4 May to Friday 8 May.
        new(new DateOnly(2020, 5, 8), "Early May bank holiday (VE day)", InsteadOf: new DateOnly(2020, 5, 4)),

        // Platinum Jubilee: the spring bank holiday moved from Monday 30 May to Thursday 2 June, plus Friday 3 June.
        new(new DateOnly(2022, 6, 2), "Spring bank holiday", InsteadOf: new DateOnly(2022, 5, 30)),
        new(new DateOnly(2022, 6, 3), "Platinum Jubilee bank holiday"),

        new(new DateOnly(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),

        // In addition to the early May bank holiday on Monday 1 May 2023.
        new(new DateOnly(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ];
}
