using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The real gaps among the survivors of mutation run Clv3b (the RFM summary, its builder and rows; issue #14 item 9,
/// docs/testing.md "Clv"): the builder's customer table when two ids share a hash code, and when customers come back after
/// the table has grown; the records overload's null options. Every expected value is a hand count.
/// </summary>
public class ClvRfmSummaryMutationTests
{
    private static readonly LocalDate Start = new(2025, 3, 1);
    private static readonly RfmSummaryOptions TwentyDays = new(Start.PlusDays(20)) { Period = RfmPeriodUnit.Day };

    [Fact]
    public void Build_PurchasesWithoutOptions_RefusedNamingThem()
    {
        var purchase = new Purchase(new CustomerId("a"), Instant.FromUtc(2025, 3, 1, 12, 0), new Money(5m, Currency.Eur));
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([purchase], null!)).Should().Throw<ArgumentNullException>().WithParameterName("options");
    }

    /// <summary>Two different ids with the same ordinal string hash code (randomized per process, so searched for here).</summary>
    private static (string First, string Second) TwoIdsWithOneHashCode()
    {
        // About 82,000 ids are drawn before two of them share a 32-bit hash (the birthday bound, sqrt(pi / 2 x 2^32)).
        var seen = new Dictionary<int, string>();
        for (int i = 0; ; i++)
        {
            string id = "c" + i.ToString(CultureInfo.InvariantCulture);
            if (!seen.TryAdd(id.GetHashCode(StringComparison.Ordinal), id))
            {
                return (seen[id.GetHashCode(StringComparison.Ordinal)], id);
            }
        }
    }

    [Fact]
    public void Build_TwoCustomersWhoseIdsShareAHashCode_StayTwoCustomers()
    {
        // The builder numbers customers in a table keyed by the ids' hash codes; equal hashes with different ids are two
        // customers. By hand (calibration end day 20, in days): the first buys on days 0 and 5 (x 1, t_x 5, T 20, zbar 8),
        // the second on day 3 only (x 0, t_x 0, T 17).
        var (first, second) = TwoIdsWithOneHashCode();
        var summary = RfmSummaryBuilder.Build([new CustomerId(first), new CustomerId(second), new CustomerId(first)],
            [Start, Start.PlusDays(3), Start.PlusDays(5)], [2m, 4m, 8m], TwentyDays, Currency.Eur);
        summary.CustomerIds.Should().Equal(new CustomerId(first), new CustomerId(second));
        summary.Frequency.Should().Equal(1, 0);
        summary.Recency.Should().Equal(5.0, 0.0);
        summary.Age.Should().Equal(20.0, 17.0);
        summary.MonetaryValue.Should().Equal(8.0, 0.0);
    }

    [Fact]
    public void Build_CustomersComingBackAfterTheTableGrew_FoundAgain()
    {
        // 5,000 customers (one partition: 10,000 purchases are below 32,768) buy on day 0, all of them, then again on day 10: the
        // partition's customer table is full at 4,096 customers and rehashed into a larger one before anyone comes back, so
        // each second purchase is looked up in the rehashed table. By hand: every customer x 1, t_x 10, T 20 days, zbar the
        // second amount (c + 1).
        const int customers = 5_000;
        var ids = new CustomerId[2 * customers];
        var dates = new LocalDate[2 * customers];
        var amounts = new decimal[2 * customers];
        for (int c = 0; c < customers; c++)
        {
            ids[c] = ids[customers + c] = new CustomerId("k" + c.ToString(CultureInfo.InvariantCulture));
            (dates[c], dates[customers + c]) = (Start, Start.PlusDays(10));
            (amounts[c], amounts[customers + c]) = (1m, c + 1);
        }
        var summary = RfmSummaryBuilder.Build(ids, dates, amounts, TwentyDays, Currency.Eur);
        summary.CustomerIds.Should().Equal(ids[..customers]);
        summary.Frequency.Should().OnlyContain(x => x == 1);
        summary.Recency.Should().OnlyContain(t => t == 10.0);
        summary.Age.Should().OnlyContain(t => t == 20.0);
        summary.MonetaryValue.Should().Equal(Enumerable.Range(1, customers).Select(k => (double)k));
    }
}
