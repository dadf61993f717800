using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Tests.Staffing;

public partial class ErlangATests
{
    [Fact]
    public void Evaluate_ReferenceLoadTenAgents_AgreesWithSeededSimulation()
    {
        // Monte Carlo of the M/M/N+M queue itself (not of the formulas): 20 independent seeded
        // replications of 20,000 arrivals after a warm-up of 2,000. Each KPI must lie within 4 standard
        // errors (across replications) of the exact value; the tolerance follows from the simulation's
        // own spread, so it tests the waiting-time derivation without trusting it.
        const int Agents = 10;
        var load = ReferenceCase.Load;
        var exact = ErlangA.Evaluate(load, Agents, Patience, ReferenceCase.Twenty);

        var runs = Enumerable.Range(0, 20)
            .Select(r => MmnmSimulation.Run(Agents, load.ArrivalRatePerSecond, 1 / ReferenceCase.Aht.TotalSeconds, 1 / Patience.TotalSeconds,
                ReferenceCase.Twenty.TotalSeconds, warmUp: 2_000, arrivals: 20_000, seed: 20_250_301 + r))
            .ToList();

        ShouldAgree(runs.Select(r => r.ProbabilityOfWait), exact.ProbabilityOfWait);
        ShouldAgree(runs.Select(r => r.ProbabilityOfAbandonment), exact.ProbabilityOfAbandonment);
        ShouldAgree(runs.Select(r => r.MeanWaitSeconds), exact.AverageWaitSeconds);
        ShouldAgree(runs.Select(r => r.AsaAnsweredSeconds), exact.AverageSpeedOfAnswerSeconds);
        ShouldAgree(runs.Select(r => r.AnsweredWithinOverOffered), exact.ServiceLevel);
        ShouldAgree(runs.Select(r => r.AnsweredWithinOverAnswered), exact.ServiceLevelOfAnswered);
        ShouldAgree(runs.Select(r => r.WithinOverOffered), exact.ServiceLevelCountingAbandons);
    }

    private static void ShouldAgree(IEnumerable<double> replications, double exact)
    {
        double[] values = replications.ToArray();
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        double standardError = sd / Math.Sqrt(values.Length);
        mean.Should().BeApproximately(exact, 4 * standardError);
    }

    /// <summary>
    /// First-come-first-served multi-server queue with exponential patience, simulated with the
    /// workload-vector recursion: each arrival's virtual wait is the time until the first agent is
    /// free of the contacts served before it; it is served if that wait is shorter than its patience
    /// (and then holds that agent), otherwise it leaves after its patience without holding anyone.
    /// </summary>
    private static class MmnmSimulation
    {
        public static Result Run(int agents, double lambda, double mu, double theta, double threshold, int warmUp, int arrivals, int seed)
        {
            var random = new Random(seed);
            double Exponential(double rate) => -Math.Log(1 - random.NextDouble()) / rate;

            var freeAt = new double[agents];
            double clock = 0;
            int waited = 0, abandoned = 0, answered = 0, answeredWithin = 0, within = 0;
            double totalWait = 0, answeredWait = 0;
            for (int i = 0; i < warmUp + arrivals; i++)
            {
                clock += Exponential(lambda);
                double patience = Exponential(theta);
                double service = Exponential(mu);
                int first = 0;
                for (int j = 1; j < agents; j++)
                {
                    if (freeAt[j] < freeAt[first])
                    {
                        first = j;
                    }
                }
                double virtualWait = Math.Max(0, freeAt[first] - clock);
                bool served = virtualWait < patience;
                double wait = served ? virtualWait : patience;
                if (served)
                {
                    freeAt[first] = clock + virtualWait + service;
                }
                if (i < warmUp)
                {
                    continue;
                }
                waited += virtualWait > 0 ? 1 : 0;
                totalWait += wait;
                within += wait <= threshold ? 1 : 0;
                if (served)
                {
                    answered++;
                    answeredWait += wait;
                    answeredWithin += wait <= threshold ? 1 : 0;
                }
                else
                {
                    abandoned++;
                }
            }
            return new Result(
                (double)waited / arrivals,
                (double)abandoned / arrivals,
                totalWait / arrivals,
                answeredWait / answered,
                (double)answeredWithin / arrivals,
                (double)answeredWithin / answered,
                (double)within / arrivals);
        }

        public sealed record Result(
            double ProbabilityOfWait,
            double ProbabilityOfAbandonment,
            double MeanWaitSeconds,
            double AsaAnsweredSeconds,
            double AnsweredWithinOverOffered,
            double AnsweredWithinOverAnswered,
            double WithinOverOffered);
    }
}
