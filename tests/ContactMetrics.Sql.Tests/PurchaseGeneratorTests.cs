using System.Globalization;
using ContactMetrics.Benchmarks.Kpis;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The purchases of the CLV scale run (<c>write-purchases</c>, <see cref="LakeGenerator.RunPurchases"/>): the amounts are
/// stationary (they once grew with the purchase time, sharing a uniform with it) and every day of 2023-2025 occurs (the
/// last, 2025-12-31, once never did).
/// </summary>
public sealed class PurchaseGeneratorTests : IDisposable
{
    private const long Rows = 400_000;

    private readonly TempDir _dir = new();

    public PurchaseGeneratorTests() => LakeGenerator.RunPurchases(_dir.Path, Rows);

    private double Scalar(string sql)
    {
        using var duck = DuckDbEngine.Open(threads: 1);
        duck.AttachPurchases(Path.Combine(_dir.Path, "purchases"));
        using var command = duck.Connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Purchases_MeanAmountOfTheFirstAndLastQuarter_Equal()
    {
        double first = Scalar("SELECT AVG(amount) FROM purchases WHERE occurred_at < TIMESTAMPTZ '2023-04-01 00:00:00+00'");
        double last = Scalar("SELECT AVG(amount) FROM purchases WHERE occurred_at >= TIMESTAMPTZ '2025-10-01 00:00:00+00'");
        double all = Scalar("SELECT AVG(amount) FROM purchases");

        // 2 + 200 w x with w, x independent uniforms on [0, 1): mean 2 + 200/4 = 52 (by hand); the standard deviation is
        // 200 sqrt(1/9 - 1/16) = 44.1, so a quarter's mean (about 36,500 of the 400,000 rows) has a standard error of
        // 0.23 and the difference of two 0.33: 1.5 EUR is about 4.5 standard errors. The old generator gave about 6
        // (first quarter) against 98 (last).
        all.Should().BeApproximately(52, 0.5);
        first.Should().BeApproximately(last, 1.5);
        first.Should().BeApproximately(52, 1.2);
    }

    [Fact]
    public void Purchases_EveryDayOfTheRangeOccurs_TheLastToo()
    {
        // 1,096 days (2023-2025, 2024 a leap year), about 365 purchases a day at 400,000 rows.
        Scalar("SELECT COUNT(DISTINCT CAST(occurred_at AS DATE)) FROM purchases").Should().Be(1096);
        Scalar("SELECT COUNT(*) FROM purchases WHERE CAST(occurred_at AS DATE) = DATE '2025-12-31'").Should().BeGreaterThan(250);
        Scalar("SELECT COUNT(*) FROM purchases WHERE occurred_at < TIMESTAMPTZ '2023-01-01 00:00:00+00' OR occurred_at >= TIMESTAMPTZ '2026-01-01 00:00:00+00'")
            .Should().Be(0);
        Scalar("SELECT COUNT(*) FROM purchases").Should().Be(Rows);
    }

    public void Dispose() => _dir.Dispose();
}
