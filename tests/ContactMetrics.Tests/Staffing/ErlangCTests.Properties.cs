using ContactMetrics.Staffing;
using FsCheck.Xunit;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public partial class ErlangCTests
{
    [Property(MaxTest = 200)]
    public bool Evaluate_OneMoreAgent_NeverWorsensAnyKpi(int seed)
    {
        // Traffic 0.1 .. 3000 Erlangs, threshold 0 .. 120 s, N from 1 to A + 60, drawn from FsCheck's seed:
        // across the unstable boundary too (an unstable queue has SL 0 and infinite ASA, which one more
        // agent can only improve).
        var random = new Random(seed);
        double traffic = 0.1 + random.Next(30_000) / 10.0;
        var threshold = Duration.FromSeconds(random.Next(121));
        int agents = 1 + random.Next((int)traffic + 60);
        var load = new QueueLoad(traffic * 10, ReferenceCase.Interval, ReferenceCase.Aht);

        var fewer = ErlangC.Evaluate(load, agents, threshold);
        var more = ErlangC.Evaluate(load, agents + 1, threshold);

        const double Slack = 1e-12;
        return more.ProbabilityOfWait <= fewer.ProbabilityOfWait + Slack
            && more.ServiceLevel >= fewer.ServiceLevel - Slack
            && more.AverageSpeedOfAnswerSeconds <= fewer.AverageSpeedOfAnswerSeconds * (1 + Slack)
            && more.Occupancy <= fewer.Occupancy
            && !double.IsNaN(more.ServiceLevel) && !double.IsNaN(more.AverageSpeedOfAnswerSeconds);
    }
}
