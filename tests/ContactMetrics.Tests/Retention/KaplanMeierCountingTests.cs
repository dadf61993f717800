using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public class KaplanMeierCountingTests
{
    [Theory]
    [InlineData(2000, 0)]     // 2,000 distinct times: the risk set sorts the times
    [InlineData(2000, 30)]    // 30 whole days: the risk set counts the rows per distinct time
    [InlineData(70, 60)]      // 60 distinct of 70: at the switch between the two
    public void Estimate_EqualsTheProductLimitWalkedOverTheSortedRows(int n, int distinctDays)
    {
        // The product-limit estimate written out (Kaplan & Meier 1958): sort the rows by time, and at each time with events
        // multiply by 1 - d / (rows stopping at or after it); censored rows at an event time count as at risk there. The
        // estimator counts rows per distinct time, by hashing or by sorting; both must give these rows exactly.
        var random = new Random(n + distinctDays);
        var durations = new double[n];
        var events = new bool[n];
        for (int i = 0; i < n; i++)
        {
            durations[i] = distinctDays == 0 ? Math.Round(random.NextDouble() * 1000, 6) : random.Next(1, distinctDays + 1);
            events[i] = random.NextDouble() < 0.6;
        }

        var curve = KaplanMeier.Estimate(SurvivalTable.FromColumns(durations, events)).Single();

        var order = Enumerable.Range(0, n).OrderBy(i => durations[i]).ToArray();
        double survival = 1;
        int row = 0, censoredSince = 0;
        for (int k = 0; k < n;)
        {
            double t = durations[order[k]];
            int atRisk = n - k, deaths = 0;
            for (; k < n && durations[order[k]] == t; k++)
            {
                deaths += events[order[k]] ? 1 : 0;
                censoredSince += events[order[k]] ? 0 : 1;
            }
            if (deaths == 0)
            {
                continue;
            }
            survival *= 1 - ((double)deaths / atRisk);
            var actual = curve.Rows[row++];
            actual.Time.Should().Be(t);
            actual.AtRisk.Should().Be(atRisk, $"at t = {t}");
            actual.Events.Should().Be(deaths, $"at t = {t}");
            actual.Censored.Should().Be(censoredSince, $"at t = {t}");
            actual.Survival.Should().Be(survival, $"at t = {t}");
            censoredSince = 0;
        }
        curve.Rows.Length.Should().Be(row);
        curve.Events.Should().Be(events.Count(e => e));
    }
}
