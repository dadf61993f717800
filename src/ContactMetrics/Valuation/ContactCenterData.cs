using System.Collections.Immutable;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>
/// The five tables of a contact center (customers, interactions, purchases, touchpoints, conversions) as one value:
/// the input of a <see cref="ContactCenterAnalysis"/>. Immutable; the money is in one currency.
/// </summary>
/// <remarks>
/// The contacts, the largest table by far, are held once, as the columnar <see cref="InteractionTable"/> every calculator
/// reads (a reader fills it straight from a file's rows: <c>ContactMetrics.Data.Tables.ReadInteractionTable</c>); the
/// other tables are records.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The two Create overloads differ in the interactions' type (an InteractionTable or records), so no call can be ambiguous.")]
public sealed class ContactCenterData
{
    private ContactCenterData(
        ImmutableArray<Customer> customers,
        InteractionTable interactions,
        ImmutableArray<Purchase> purchases,
        ImmutableArray<Touchpoint> touchpoints,
        ImmutableArray<Conversion> conversions,
        Currency currency)
    {
        Customers = customers;
        Interactions = interactions;
        Purchases = purchases;
        Touchpoints = touchpoints;
        Conversions = conversions;
        Currency = currency;
    }

    /// <summary>Collects the tables, the contacts as records: a convenience that builds their <see cref="InteractionTable"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">The contacts.</param>
    /// <param name="purchases">The purchases; empty when there are none (the customer-value figures are then unavailable).</param>
    /// <param name="touchpoints">The marketing touches; empty when there are none.</param>
    /// <param name="conversions">The conversions; empty when there are none.</param>
    /// <param name="currency">The currency of the money; by default the currency of the first purchase or conversion, else EUR.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentNullException">A table is null.</exception>
    /// <exception cref="CurrencyMismatchException">A purchase or conversion is in another currency than the others.</exception>
    /// <exception cref="InvalidRecordException">A contact does not fit the table (<see cref="InteractionTable.Builder.Add"/>).</exception>
    public static ContactCenterData Create(
        IEnumerable<Customer> customers,
        IEnumerable<Interaction> interactions,
        IEnumerable<Purchase> purchases,
        IEnumerable<Touchpoint> touchpoints,
        IEnumerable<Conversion> conversions,
        Currency? currency = null)
    {
        var c = Preconditions.CheckNotNull(customers).ToImmutableArray();
        return Create(c, InteractionTable.Create(Preconditions.CheckNotNull(interactions), c), purchases, touchpoints, conversions, currency);
    }

    /// <summary>
    /// Collects the tables, the contacts as a columnar table (e.g. read straight from a file by
    /// <c>ContactMetrics.Data.Tables.ReadInteractionTable</c>). The table's segments are those of <paramref name="customers"/>,
    /// whichever customers it was built with.
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">The contacts.</param>
    /// <param name="purchases">The purchases; empty when there are none (the customer-value figures are then unavailable).</param>
    /// <param name="touchpoints">The marketing touches; empty when there are none.</param>
    /// <param name="conversions">The conversions; empty when there are none.</param>
    /// <param name="currency">The currency of the money; by default the currency of the first purchase or conversion, else EUR.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentNullException">A table is null.</exception>
    /// <exception cref="CurrencyMismatchException">A purchase or conversion is in another currency than the others.</exception>
    public static ContactCenterData Create(
        IEnumerable<Customer> customers,
        InteractionTable interactions,
        IEnumerable<Purchase> purchases,
        IEnumerable<Touchpoint> touchpoints,
        IEnumerable<Conversion> conversions,
        Currency? currency = null)
    {
        var c = Preconditions.CheckNotNull(customers).ToImmutableArray();
        var i = Preconditions.CheckNotNull(interactions).WithCustomers(c);
        var p = Preconditions.CheckNotNull(purchases).ToImmutableArray();
        var t = Preconditions.CheckNotNull(touchpoints).ToImmutableArray();
        var v = Preconditions.CheckNotNull(conversions).ToImmutableArray();
        var money = currency
            ?? (p.Length > 0 ? p[0].Amount.Currency : v.Length > 0 ? v[0].Value.Currency : Currency.Eur);
        foreach (var purchase in p)
        {
            if (purchase.Amount.Currency != money)
            {
                throw new CurrencyMismatchException(money, purchase.Amount.Currency);
            }
        }
        foreach (var conversion in v)
        {
            if (conversion.Value.Currency != money)
            {
                throw new CurrencyMismatchException(money, conversion.Value.Currency);
            }
        }
        return new ContactCenterData(c, i, p, t, v, money);
    }

    /// <summary>
    /// Checks that money in <paramref name="currency"/> (a cost model's rates) can be set against this data's money: the
    /// same currency, or data with no purchase and no conversion (no money of its own to disagree with).
    /// </summary>
    /// <param name="currency">The other currency, e.g. the rates'.</param>
    /// <exception cref="CurrencyMismatchException">The purchases or conversions are in another currency.</exception>
    public void EnsureSameCurrency(Currency currency)
    {
        if (currency != Currency && (!Purchases.IsEmpty || !Conversions.IsEmpty))
        {
            throw new CurrencyMismatchException(Currency, currency);
        }
    }

    /// <summary>The customers.</summary>
    public ImmutableArray<Customer> Customers { get; }

    /// <summary>
    /// The contacts, by column (with the customers' segments). <see cref="InteractionTable.ToInteractions"/> makes records of
    /// them, one at a time, for a caller that needs records.
    /// </summary>
    public InteractionTable Interactions { get; }

    /// <summary>The purchases.</summary>
    public ImmutableArray<Purchase> Purchases { get; }

    /// <summary>The marketing touches.</summary>
    public ImmutableArray<Touchpoint> Touchpoints { get; }

    /// <summary>The conversions.</summary>
    public ImmutableArray<Conversion> Conversions { get; }

    /// <summary>The currency of purchases and conversions.</summary>
    public Currency Currency { get; }

    /// <summary>
    /// The tables as they were known at the window's end: contacts that arrived and purchases, touches and conversions
    /// that occurred in [start, end); customers acquired by the window's last day, with a churn after that day not yet
    /// known (a churn date after the last day is cleared, so the customer counts as active, censored at the end).
    /// </summary>
    /// <param name="window">The observation window.</param>
    /// <returns>This instance when every record is inside the window; otherwise the records inside it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    public ContactCenterData Within(ObservationWindow window)
    {
        Preconditions.CheckNotNull(window);
        var last = window.LastDay;
        var table = Interactions;
        bool contactsInside = table.Count == 0
            || (window.Contains(Instant.FromUnixTimeMilliseconds(table.MinArrivedMs)) && window.Contains(Instant.FromUnixTimeMilliseconds(table.MaxArrivedMs)));
        bool inside = contactsInside && Purchases.All(p => window.Contains(p.OccurredAt))
            && Touchpoints.All(t => window.Contains(t.OccurredAt)) && Conversions.All(c => window.Contains(c.OccurredAt))
            && Customers.All(c => c.AcquiredOn <= last && !(c.ChurnedOn > last));
        if (inside)
        {
            return this;
        }
        ImmutableArray<Customer> customers = [.. Customers.Select(window.Known).OfType<Customer>()];
        // The contacts' table is rebuilt only when some fall outside the window (rare: a window shorter than the data).
        var contacts = contactsInside ? table.WithCustomers(customers)
            : InteractionTable.Create(Enumerable.Range(0, table.Count).Where(r => window.Contains(table.ArrivedAt(r))).Select(table.ToInteraction), customers);
        return new ContactCenterData(
            customers,
            contacts,
            [.. Purchases.Where(p => window.Contains(p.OccurredAt))],
            [.. Touchpoints.Where(t => window.Contains(t.OccurredAt))],
            [.. Conversions.Where(c => window.Contains(c.OccurredAt))],
            Currency);
    }

    /// <summary>
    /// The window of whole local days in <paramref name="timeZone"/> from the first contact or purchase to the day after
    /// the last one (<see cref="ObservationWindow.OfDays"/>); <paramref name="end"/> overrides the end.
    /// </summary>
    /// <param name="timeZone">The zone of the contact center.</param>
    /// <param name="end">The as-of instant, when known.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no contacts, or the end is not after the first event.</exception>
    public ObservationWindow Window(DateTimeZone timeZone, Instant? end = null)
    {
        if (Interactions.Count == 0)
        {
            throw new ArgumentException("There are no interactions, so there is no period to analyse.", nameof(Interactions));
        }
        var first = Instant.FromUnixTimeMilliseconds(Interactions.MinArrivedMs);
        var last = Instant.FromUnixTimeMilliseconds(Interactions.MaxArrivedMs);
        if (!Purchases.IsEmpty)
        {
            first = Instant.Min(first, Purchases.Min(p => p.OccurredAt));
            last = Instant.Max(last, Purchases.Max(p => p.OccurredAt));
        }
        return ObservationWindow.OfDays(first, last, timeZone, end);
    }
}
