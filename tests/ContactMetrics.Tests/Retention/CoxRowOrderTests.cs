using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public class CoxRowOrderTests
{
    [Theory]
    [InlineData(5000, 0)]    // distinct times: one sort of the keys, then each run of ties sorted
    [InlineData(5000, 40)]   // 40 whole days: rows counted per distinct time and placed in row order
    [InlineData(300, 300)]   // at the switch between the two
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    public void StableSortDescending_EqualsLinqOrderByDescending(int n, int distinctDays)
    {
        // The likelihood visits rows in this order and sums in it, so the order must be exactly the stable one the fit used
        // before (LINQ's OrderByDescending of the row numbers by time), ties included, with -0.0 equal to 0.0.
        var random = new Random(n + distinctDays);
        var times = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = distinctDays == 0 ? Math.Round(random.NextDouble() * 100, 3) : random.Next(0, distinctDays);
            if (times[i] == 0 && random.NextDouble() < 0.5)
            {
                times[i] = -0.0;
            }
        }
        // A subset of the rows, ascending, as a stratum's rows are.
        var rows = Enumerable.Range(0, n).Where(i => i % 7 != 3).ToArray();
        var expected = rows.OrderByDescending(i => times[i]).ToArray();

        CoxData.StableSortDescending(times, rows);

        rows.Should().Equal(expected);
    }
}
