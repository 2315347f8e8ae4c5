package org.lockstep.simulator.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.lockstep.controller.cli.Args;
import org.lockstep.controller.cli.ExtensionCommand;

/** {@code lockstep sim}, offered to the firmware's CLI through {@link ExtensionCommand} (META-INF/services). */
public final class SimulatorCli implements ExtensionCommand {
    static final String HELP = """
            Usage: lockstep sim [--config FILE] [--operator ID] [--script FILE [--realtime]] [--speed X] [--seed N]
                                [--journal DIR] [--mqtt-port N | --no-mqtt]

            Runs the simulated school described by the site file: every controller of the site, each with its own
            lockdown core, over a simulated building (bolts that take time to throw, reed switches that bounce,
            relays that can stick), on a virtual clock that follows the wall clock. A live table shows every door.

            Options:
              --config FILE    the site file (default: deploy/site.example.yaml)
              --operator ID    who you are when you type lockdown/secure/allclear (default: the first operator
                               in the site file); change it with 'as ID' while running
              --script FILE    read commands from FILE instead of the keyboard ('wait SECONDS' lines advance time),
                               print the door table at the end and exit; runs on virtual time, as fast as
                               the machine allows
              --realtime       with --script: each 'wait' takes that long on the wall clock too (--speed
                               applies), so consoles on MQTT can watch the script happen
              --speed X        virtual seconds per wall second (default 1)
              --seed N         seed for the simulated building's randomness (contact bounce); default 1
              --mqtt-port N    the embedded MQTT broker's port (default: the site file's mqtt.port, 1883);
                               consoles and mosquitto_sub connect there, and the sim/... topics drive the
                               building (docs/mqtt.md). Scripts run without MQTT unless this is given.
              --no-mqtt        no broker, no MQTT clients
              --journal DIR    journal every controller to DIR/<controller> in the file format a controller uses,
                               for 'lockstep report --journal DIR' afterwards

            Type 'help' inside for the commands (panic, lockdown, secure, drill, allclear, prop, jam, fire, ...).
            """;

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Args.UsageException {
        return SimCommand.run(Args.parse(argv,
                Set.of("--config", "--operator", "--script", "--speed", "--seed", "--mqtt-port", "--journal"),
                Set.of("--no-mqtt", "--realtime")), out, err);
    }
}
