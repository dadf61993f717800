using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The partitioned (multi-core) builder against the single-threaded reference builder: both must give the same
/// summary, value for value and in the same customer order, whatever the number of partitions and workers.
/// </summary>
public class RfmSummaryBuilderPartitionTests
{
    private static readonly LocalDate Start = new(2025, 1, 1);

    public static TheoryData<int> Sizes => new() { 0, 1, 2, 3, 7, 16, 31, 64, 100, 257, 500, 1000, 2048, 4099 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BuildPartitioned_RandomLog_EqualsReferenceForEveryPartitionAndWorkerCount(int size)
    {
        foreach (bool merge in new[] { true, false })
        {
            foreach (bool holdout in new[] { false, true })
            {
                var log = RandomLog(size, seed: size * 4 + (merge ? 2 : 0) + (holdout ? 1 : 0));
                var options = new RfmSummaryOptions(Start.PlusDays(60)) { MergeSameDayPurchases = merge, HoldoutEnd = holdout ? Start.PlusDays(90) : null };
                var reference = RfmSummaryBuilder.BuildReference(log.Customers, log.Days, log.Amounts, options, Currency.Eur);
                foreach ((int bits, int workers) in new[] { (0, 1), (1, 1), (3, 2), (5, 4), (8, 3) })
                {
                    var fast = RfmSummaryBuilder.BuildPartitioned(log.Customers, log.Days, log.Amounts, options, Currency.Eur, bits, workers);
                    ShouldBeSame(fast, reference, $"size {size}, merge {merge}, holdout {holdout}, {1 << bits} partitions, {workers} workers");
                }
            }
        }
    }

    [Fact]
    public void Build_CdnowSample_EqualsReference()
    {
        var sample = CdnowData.Sample;
        var days = sample.Dates.Select(d => d.ToDateOnly().DayNumber).ToArray();
        var options = new RfmSummaryOptions(CdnowData.CalibrationEnd) { HoldoutEnd = new LocalDate(1998, 6, 30) };
        var reference = RfmSummaryBuilder.BuildReference(sample.Customers, days, sample.Amounts, options, Currency.Usd);
        var built = RfmSummaryBuilder.Build(sample.Customers, sample.Dates, sample.Amounts, options, Currency.Usd);
        ShouldBeSame(built, reference, "CDNOW");
        var partitioned = RfmSummaryBuilder.BuildPartitioned(sample.Customers, days, sample.Amounts, options, Currency.Usd, 4, 2);
        ShouldBeSame(partitioned, reference, "CDNOW, 16 partitions");
    }

    [Theory]
    [InlineData(5, 9, "customers")] // the empty id comes first
    [InlineData(9, 5, "amounts")] // the negative amount comes first
    [InlineData(7, 7, "customers")] // same row: the id is checked first, as in the reference
    [InlineData(19_999, 12_345, "amounts")] // rows in later chunks of the 20,000 (chunks of at least 4,096 rows)
    [InlineData(12_345, 12_346, "customers")]
    [InlineData(8_200, 3, "amounts")]
    public void BuildPartitioned_BadRows_ReportsFirstBadRowLikeReference(int emptyAt, int negativeAt, string parameter)
    {
        var log = RandomLog(20_000, seed: 11);
        log.Customers[emptyAt] = default;
        log.Amounts[negativeAt] = -1m;
        var options = new RfmSummaryOptions(Start.PlusDays(60));
        var reference = () => RfmSummaryBuilder.BuildReference(log.Customers, log.Days, log.Amounts, options, Currency.Eur);
        var fast = () => RfmSummaryBuilder.BuildPartitioned(log.Customers, log.Days, log.Amounts, options, Currency.Eur, 3, 2);
        int row = Math.Min(emptyAt, negativeAt);
        reference.Should().Throw<ArgumentException>().WithParameterName(parameter).WithMessage($"Purchase {row} *");
        fast.Should().Throw<ArgumentException>().WithParameterName(parameter).WithMessage($"Purchase {row} *");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(32_768, 0)]
    [InlineData(32_769, 1)]
    [InlineData(10_000_000, 8)]
    public void PartitionBits_Purchases_AboutThirtyTwoThousandPerPartitionAtMost256(int purchases, int expected)
    {
        // 10,000,000 / 32,768 = 305 partitions wanted, capped at 2^8 = 256.
        RfmSummaryBuilder.PartitionBits(purchases).Should().Be(expected);
    }

    internal static void ShouldBeSame(RfmSummary actual, RfmSummary expected, string because)
    {
        actual.CustomerIds.Should().Equal(expected.CustomerIds, because);
        actual.Frequency.Should().Equal(expected.Frequency, because);
        actual.Recency.Should().Equal(expected.Recency, because);
        actual.Age.Should().Equal(expected.Age, because);
        actual.MonetaryValue.Should().Equal(expected.MonetaryValue, because);
        actual.HoldoutFrequency.Should().Equal(expected.HoldoutFrequency, because);
        actual.HoldoutSpend.Should().Equal(expected.HoldoutSpend, because);
        actual.HoldoutLength.Should().Be(expected.HoldoutLength, because);
    }

    /// <summary>
    /// Purchases of about size / 3 customers over 120 days (some born after the 60-day calibration end), amounts in cents
    /// with many on the same day; each row gets its own string object for its id, so ids are compared by value.
    /// </summary>
    private static (CustomerId[] Customers, int[] Days, decimal[] Amounts) RandomLog(int size, int seed)
    {
        var rng = new Random(seed);
        int pool = size / 3 + 1;
        var customers = new CustomerId[size];
        var days = new int[size];
        var amounts = new decimal[size];
        int origin = Start.ToDateOnly().DayNumber;
        for (int i = 0; i < size; i++)
        {
            customers[i] = new CustomerId("c" + rng.Next(pool).ToString(CultureInfo.InvariantCulture));
            days[i] = origin + rng.Next(rng.Next(2) == 0 ? 10 : 120);
            amounts[i] = rng.Next(0, 5_000) / 100m;
        }
        return (customers, days, amounts);
    }
}
