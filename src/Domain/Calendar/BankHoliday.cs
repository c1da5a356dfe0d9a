namespace ScrBot.Domain.Calendar;

/// <summary>A bank holiday in England and Wales, named as GOV.UK names it.</summary>
public sealed record BankHoliday(DateOnly Date, string Name);

/// <summary>A day the board's office is closed although it is neither a weekend nor a bank holiday.</summary>
public sealed record Closure(DateOnly Date, string Reason);
