namespace ContactMetrics.Numerics;

/// <summary>
/// Restarted GMRES for a linear system A x = b given only the product A v (Saad and Schultz 1986, "GMRES: a generalized
/// minimal residual algorithm for solving nonsymmetric linear systems", SIAM J. Sci. Stat. Comput. 7(3); Saad 2003,
/// "Iterative Methods for Sparse Linear Systems", 2nd ed., algorithm 6.9): modified Gram-Schmidt Arnoldi, Givens rotations,
/// a restart every <see cref="Restart"/> products. The workspace is allocated once and reused by every solve of the same size.
/// </summary>
internal sealed class RestartedGmres
{
    private readonly double[][] _basis;
    private readonly double[] _hessenberg;
    private readonly double[] _cosine;
    private readonly double[] _sine;
    private readonly double[] _rhs;
    private readonly double[] _residual;
    private readonly double[] _correction;

    /// <summary>Creates the workspace for systems of <paramref name="size"/> unknowns.</summary>
    /// <param name="size">The number of unknowns.</param>
    /// <param name="restart">Products between restarts (the Krylov basis holds <paramref name="restart"/> + 1 vectors).</param>
    public RestartedGmres(int size, int restart)
    {
        Restart = restart;
        _basis = new double[restart + 1][];
        for (int i = 0; i <= restart; i++)
        {
            _basis[i] = new double[size];
        }
        _hessenberg = new double[(restart + 1) * restart];
        _cosine = new double[restart];
        _sine = new double[restart];
        _rhs = new double[restart + 1];
        _residual = new double[size];
        _correction = new double[size];
    }

    /// <summary>Products between restarts.</summary>
    public int Restart { get; }

    /// <summary>
    /// Improves <paramref name="x"/> in place until the largest entry of b - A x is at most <paramref name="tolerance"/>, a
    /// restart cycle fails to halve it (stagnation at the rounding floor), or <paramref name="maxProducts"/> products are spent.
    /// Right-preconditioned (Saad 2003, algorithm 9.5): GMRES minimises the residual of A M^-1 u = b - A x0 and x = x0 + M^-1 u,
    /// so the residual it reports is the true one.
    /// </summary>
    /// <param name="multiply">Writes A v (first argument) into the second argument.</param>
    /// <param name="multiplyPreconditioned">Writes A M^-1 v into the second argument.</param>
    /// <param name="precondition">Writes M^-1 v into the second argument.</param>
    /// <param name="b">The right-hand side.</param>
    /// <param name="x">The start on entry; the solution on return.</param>
    /// <param name="tolerance">The largest absolute residual entry accepted.</param>
    /// <param name="maxProducts">The most products A M^-1 v.</param>
    /// <param name="products">Incremented by the products used.</param>
    /// <param name="cancellationToken">Checked before every product.</param>
    /// <returns>Whether the residual reached <paramref name="tolerance"/>.</returns>
    public bool Solve(Action<double[], double[]> multiply, Action<double[], double[]> multiplyPreconditioned, Action<double[], double[]> precondition,
        double[] b, double[] x, double tolerance, int maxProducts, ref int products, CancellationToken cancellationToken)
    {
        int size = x.Length;
        int budget = maxProducts;
        double previous = double.PositiveInfinity;
        while (true)
        {
            var first = _basis[0];
            multiply(x, _residual);
            double largest = 0, norm = 0;
            for (int i = 0; i < size; i++)
            {
                double r = b[i] - _residual[i];
                first[i] = r;
                largest = Math.Max(largest, Math.Abs(r));
                norm += r * r;
            }
            if (largest <= tolerance)
            {
                return true;
            }
            if (budget <= 0 || largest > previous / 2)
            {
                return false;
            }
            previous = largest;
            norm = Math.Sqrt(norm);
            Scale(first, 1 / norm);
            Array.Clear(_rhs);
            _rhs[0] = norm;
            int columns = 0;
            for (int j = 0; j < Restart && budget > 0; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var w = _basis[j + 1];
                multiplyPreconditioned(_basis[j], w);
                budget--;
                products++;
                for (int i = 0; i <= j; i++)
                {
                    double h = Dot(w, _basis[i]);
                    _hessenberg[i * Restart + j] = h;
                    AddScaled(w, -h, _basis[i]);
                }
                double below = Math.Sqrt(Dot(w, w));
                if (below > 0)
                {
                    Scale(w, 1 / below);
                }
                for (int i = 0; i < j; i++)
                {
                    Rotate(ref _hessenberg[i * Restart + j], ref _hessenberg[(i + 1) * Restart + j], _cosine[i], _sine[i]);
                }
                ref double diagonal = ref _hessenberg[j * Restart + j];
                double radius = Math.Sqrt(diagonal * diagonal + below * below);
                _cosine[j] = radius > 0 ? diagonal / radius : 1;
                _sine[j] = radius > 0 ? below / radius : 0;
                diagonal = radius;
                _rhs[j + 1] = -_sine[j] * _rhs[j];
                _rhs[j] *= _cosine[j];
                columns = j + 1;
                // The rotated right-hand side's last entry is the residual's 2-norm, an upper bound on its largest entry. It
                // stops falling at the rounding floor (about the square root of the size times the entries' rounding), which
                // may lie above the tolerance on the 2-norm while the largest entry is within it: a cycle also ends when the
                // estimate has not halved in two products, and the restart measures the true residual.
                double estimate = Math.Abs(_rhs[j + 1]);
                if (estimate <= tolerance / 2 || below == 0 || (j >= 2 && estimate > Math.Abs(_rhs[j - 1]) / 2))
                {
                    break;
                }
            }
            Array.Clear(_residual);
            for (int i = columns - 1; i >= 0; i--)
            {
                double sum = _rhs[i];
                for (int k = i + 1; k < columns; k++)
                {
                    sum -= _hessenberg[i * Restart + k] * _rhs[k];
                }
                _rhs[i] = _hessenberg[i * Restart + i] != 0 ? sum / _hessenberg[i * Restart + i] : 0;
                AddScaled(_residual, _rhs[i], _basis[i]);
            }
            precondition(_residual, _correction);
            AddScaled(x, 1, _correction);
        }
    }

    private static void Rotate(ref double upper, ref double lower, double cosine, double sine)
    {
        double u = upper;
        upper = cosine * u + sine * lower;
        lower = -sine * u + cosine * lower;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 1 < a.Length; i += 2)
        {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
        }
        for (; i < a.Length; i++)
        {
            s0 += a[i] * b[i];
        }
        return s0 + s1;
    }

    private static void Scale(double[] a, double factor)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] *= factor;
        }
    }

    private static void AddScaled(double[] a, double factor, double[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] += factor * b[i];
        }
    }
}
