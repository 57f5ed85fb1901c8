using Rims.Envs;
using Rims.Envs.NumpyRandom;

namespace CartPole;

/// <summary>
/// CartPole-v1 with gymnasium's dynamics and episode rules (README.md lists every constant and its source): a pole on a
/// cart, action 0 pushes the cart left and 1 right with a fixed force; +1 reward per step, the terminating step
/// included; terminated when the pole leans past 12 degrees or the cart leaves [-2.4, 2.4]; truncated after 500 steps.
/// Observation: float32 [x, x_dot, theta, theta_dot] (metres, m/s, radians, rad/s).
/// </summary>
public sealed class CartPoleEnv : IEnv
{
    /// <summary>The id (gymnasium's).</summary>
    public const string Id = "CartPole-v1";

    private const double Gravity = 9.8;                          // m/s^2
    private const double MassCart = 1.0;                         // kg
    private const double MassPole = 0.1;                         // kg
    private const double TotalMass = MassCart + MassPole;
    private const double HalfLength = 0.5;                       // m: gymnasium's `length` is half the pole's length
    private const double PoleMassLength = MassPole * HalfLength;
    private const double ForceMag = 10.0;                        // N
    private const double Tau = 0.02;                             // s between state updates (explicit Euler)
    private const double ThetaThreshold = 12 * 2 * Math.PI / 360; // rad (12 degrees)
    private const double XThreshold = 2.4;                       // m
    private const int MaxEpisodeSteps = 500;                     // CartPole-v1's TimeLimit
    private const double InitialStateBound = 0.05;               // each state variable starts in U(-0.05, 0.05)

    private readonly NumpyGenerator random = new(Random.Shared.NextInt64());
    private double x, xDot, theta, thetaDot;
    private int steps;

    /// <inheritdoc />
    public ObservationSpec ObservationSpec { get; } = new(new ObservationPart("state", [4], ObservationDType.Float32));

    /// <inheritdoc />
    public int ActionCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames { get; } = ["push left", "push right"];

    /// <inheritdoc />
    public void Reset(Span<byte> observation, int? seed = null)
    {
        // gymnasium seeds np_random = Generator(PCG64(SeedSequence(seed))) on a seeded reset, then draws
        // uniform(-0.05, 0.05, size=4) in the order x, x_dot, theta, theta_dot.
        if (seed is { } s) random.Seed(s);
        x = Uniform();
        xDot = Uniform();
        theta = Uniform();
        thetaDot = Uniform();
        steps = 0;
        Write(observation);
    }

    /// <inheritdoc />
    public StepResult Step(int action, Span<byte> observation)
    {
        double force = action == 1 ? ForceMag : -ForceMag;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        // The cart-pole equations of motion (Barto, Sutton & Anderson 1983; as documented for gymnasium's CartPole).
        double temp = (force + PoleMassLength * thetaDot * thetaDot * sin) / TotalMass;
        double thetaAcc = (Gravity * sin - cos * temp) / (HalfLength * (4.0 / 3.0 - MassPole * cos * cos / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
        // Euler: positions move with the old velocities, velocities with the new accelerations.
        x += Tau * xDot;
        xDot += Tau * xAcc;
        theta += Tau * thetaDot;
        thetaDot += Tau * thetaAcc;
        steps++;
        Write(observation);

        bool terminated = x < -XThreshold || x > XThreshold || theta < -ThetaThreshold || theta > ThetaThreshold;
        bool truncated = !terminated && steps >= MaxEpisodeSteps;
        return new StepResult(1f, terminated, truncated, new StepInfo(1f, terminated || truncated));
    }

    /// <summary>numpy's Generator.uniform(-0.05, 0.05): low + (high - low) * (next_uint64 >> 11) * 2^-53.</summary>
    private double Uniform() =>
        -InitialStateBound + 2 * InitialStateBound * ((random.BitGenerator.NextUInt64() >> 11) * (1.0 / (1UL << 53)));

    private void Write(Span<byte> observation)
    {
        var state = ObservationSpec.Floats(observation, "state");
        state[0] = (float)x;
        state[1] = (float)xDot;
        state[2] = (float)theta;
        state[3] = (float)thetaDot;
    }

    /// <inheritdoc />
    public void Dispose() { }
}
