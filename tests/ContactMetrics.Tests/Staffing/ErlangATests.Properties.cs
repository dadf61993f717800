using ContactMetrics.Staffing;
using FsCheck.Xunit;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public partial class ErlangATests
{
    [Property(MaxTest = 60)]
    public bool Evaluate_OneMoreAgent_NeverWorsensAnyKpi(int seed)
    {
        // Traffic 0.1 .. 150 Erlangs, mean patience 5 s .. 1 h, threshold 0 .. 120 s, N from 1 to 2A + 10,
        // drawn uniformly from FsCheck's seed (FsCheck's own integers are small by design).
        var random = new Random(seed);
        double traffic = 0.1 + random.Next(1500) / 10.0;
        var patience = Duration.FromSeconds(5 + random.Next(3595));
        var threshold = Duration.FromSeconds(random.Next(121));
        int agents = 1 + random.Next((int)(2 * traffic) + 10);
        var load = new QueueLoad(traffic * 10, Duration.FromMinutes(30), Duration.FromSeconds(180));

        var fewer = ErlangA.Evaluate(load, agents, patience, threshold);
        var more = ErlangA.Evaluate(load, agents + 1, patience, threshold);

        const double Slack = 1e-12;
        return more.ProbabilityOfWait <= fewer.ProbabilityOfWait + Slack
            && more.ProbabilityOfAbandonment <= fewer.ProbabilityOfAbandonment + Slack
            && more.AverageWaitSeconds <= fewer.AverageWaitSeconds * (1 + Slack) + Slack
            && more.AverageSpeedOfAnswerSeconds <= fewer.AverageSpeedOfAnswerSeconds * (1 + Slack) + Slack
            && more.ServiceLevel >= fewer.ServiceLevel - Slack
            && more.ServiceLevelOfAnswered >= fewer.ServiceLevelOfAnswered - Slack
            && more.ServiceLevelCountingAbandons >= fewer.ServiceLevelCountingAbandons - Slack
            && more.Occupancy <= fewer.Occupancy + Slack;
    }

    [Property(MaxTest = 60)]
    public bool Evaluate_AnyInput_ProbabilitiesInRangeAndIdentityHolds(int seed)
    {
        // Traffic 0.1 .. 300 Erlangs, mean patience 1 s .. 2 h, N from 1 to 2A + 10.
        var random = new Random(seed);
        double traffic = 0.1 + random.Next(3000) / 10.0;
        double patienceSeconds = 1 + random.Next(7200);
        int agents = 1 + random.Next((int)(2 * traffic) + 10);
        var load = new QueueLoad(traffic * 10, Duration.FromMinutes(30), Duration.FromSeconds(180));

        var m = ErlangA.Evaluate(load, agents, Duration.FromSeconds(patienceSeconds), Duration.FromSeconds(20));

        double thetaTimesWait = m.AverageWaitSeconds / patienceSeconds;
        return new[] { m.ProbabilityOfWait, m.ProbabilityOfAbandonment, m.ServiceLevel, m.ServiceLevelOfAnswered, m.ServiceLevelCountingAbandons, m.Occupancy }
                .All(p => p is >= 0 and <= 1)
            && m.ServiceLevel <= m.ServiceLevelCountingAbandons + 1e-15
            && double.IsFinite(m.AverageSpeedOfAnswerSeconds)
            && Math.Abs(m.ProbabilityOfAbandonment - thetaTimesWait) <= 1e-12 + 1e-9 * thetaTimesWait;
    }
}
