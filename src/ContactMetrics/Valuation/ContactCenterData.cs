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
/// The three large tables are held once, by column: the contacts as the <see cref="InteractionTable"/> every calculator
/// reads, the purchases as the <see cref="PurchaseTable"/> the CLV and the revenue per customer read, and the marketing
/// touches as the <see cref="TouchpointTable"/> the journeys read (a reader fills them straight from a file's rows:
/// <c>ContactMetrics.Data.Tables.ReadInteractionTable</c>, <c>ReadPurchaseTable</c> and <c>ReadTouchpointTable</c>); the
/// customers and conversions, small tables, are records.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "The two Create overloads differ in the contacts', purchases' and touches' types (tables or records), so no call can be ambiguous.")]
public sealed class ContactCenterData
{
    private ContactCenterData(
        ImmutableArray<Customer> customers,
        InteractionTable interactions,
        PurchaseTable purchases,
        TouchpointTable touchpoints,
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

    /// <summary>Collects the tables as records: a convenience that builds the <see cref="InteractionTable"/>, <see cref="PurchaseTable"/> and <see cref="TouchpointTable"/>.</summary>
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
        return Create(c, InteractionTable.Create(Preconditions.CheckNotNull(interactions), c), PurchaseTable.Create(Preconditions.CheckNotNull(purchases)),
            TouchpointTable.Create(Preconditions.CheckNotNull(touchpoints)), conversions, currency);
    }

    /// <summary>
    /// Collects the tables, the contacts, purchases and touches as columnar tables (e.g. read straight from files by
    /// <c>ContactMetrics.Data.Tables.ReadInteractionTable</c>, <c>ReadPurchaseTable</c> and <c>ReadTouchpointTable</c>). The interaction table's segments
    /// are those of <paramref name="customers"/>, whichever customers it was built with.
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
        PurchaseTable purchases,
        TouchpointTable touchpoints,
        IEnumerable<Conversion> conversions,
        Currency? currency = null)
    {
        var c = Preconditions.CheckNotNull(customers).ToImmutableArray();
        var i = Preconditions.CheckNotNull(interactions).WithCustomers(c);
        var p = Preconditions.CheckNotNull(purchases);
        var t = Preconditions.CheckNotNull(touchpoints);
        var v = Preconditions.CheckNotNull(conversions).ToImmutableArray();
        var money = currency ?? p.Currency ?? (v.Length > 0 ? v[0].Value.Currency : Currency.Eur);
        // A table holds one currency (its builder refuses a second).
        if (p.Currency is { } paid && paid != money)
        {
            throw new CurrencyMismatchException(money, paid);
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
        if (currency != Currency && (Purchases.Count > 0 || !Conversions.IsEmpty))
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

    /// <summary>
    /// The purchases, by column. <see cref="PurchaseTable.ToPurchases"/> makes records of them, one at a time, for a caller
    /// that needs records.
    /// </summary>
    public PurchaseTable Purchases { get; }

    /// <summary>
    /// The marketing touches, by column. <see cref="TouchpointTable.ToTouchpoints"/> makes records of them, one at a time,
    /// for a caller that needs records.
    /// </summary>
    public TouchpointTable Touchpoints { get; }

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
        var purchases = Purchases.Between(window.Start, window.End);
        var touchpoints = Touchpoints.Between(window.Start, window.End);
        bool inside = contactsInside && purchases == Purchases && touchpoints == Touchpoints && Conversions.All(c => window.Contains(c.OccurredAt))
            && Customers.All(c => c.AcquiredOn <= last && !(c.ChurnedOn > last));
        if (inside)
        {
            return this;
        }
        ImmutableArray<Customer> customers = [.. Customers.Select(window.Known).OfType<Customer>()];
        // The contacts inside the window, copied column by column, only when some fall outside it (a window shorter than the data).
        var contacts = contactsInside ? table.WithCustomers(customers)
            : table.Select(Enumerable.Range(0, table.Count).Where(r => window.Contains(table.ArrivedAt(r))), customers);
        return new ContactCenterData(
            customers,
            contacts,
            purchases,
            touchpoints,
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
        if (Purchases.Count > 0)
        {
            first = Instant.Min(first, Instant.FromUnixTimeTicks(Purchases.MinTicks));
            last = Instant.Max(last, Instant.FromUnixTimeTicks(Purchases.MaxTicks));
        }
        return ObservationWindow.OfDays(first, last, timeZone, end);
    }
}
