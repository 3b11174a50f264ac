package dev.placementstudio.cli;

import dev.placementstudio.io.InputProblemException;
import dev.placementstudio.io.store.ModelFiles;
import dev.placementstudio.io.PlacementDump;
import dev.placementstudio.model.InvalidModelException;
import dev.placementstudio.model.PlacementState;
import dev.placementstudio.model.Projection;
import dev.placementstudio.placement.PlacementEngine;
import dev.placementstudio.placement.PlacementException;
import dev.placementstudio.serve.PlacementServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the model as a live Placement API (microversions 1.0-1.39). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the model's Placement projection (or an empty Placement) as the Placement REST API.",
                "Requests need an x-auth-token header; binding a non-loopback address requires --token."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "a model (.json, .db) or a Placement dump")
    Path model;

    @Option(names = "--empty", description = "start with no providers")
    boolean empty;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", defaultValue = "8778")
    int port;

    @Option(names = "--token", description = "the token every request must carry (required off loopback)")
    String token;

    @Option(names = "--request-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = {"how long one allocation candidates search may run before it is answered with a 400",
                    "that says so and its thread is freed (0: no bound, as in Placement; default: ${DEFAULT-VALUE})"})
    double requestTimeout;

    @Override
    public Integer call() throws Exception {
        if (!(requestTimeout >= 0) || requestTimeout > 86_400) {
            throw new InputProblemException("--request-timeout", 0, 0, "",
                    "must be a number of seconds from 0 (no bound) to 86400, not " + requestTimeout);
        }
        if ((model == null) == !empty) {
            throw new InputProblemException("serve", 0, 0, "", "give a MODEL or --empty (one of them)");
        }
        if (!InetAddress.getByName(host).isLoopbackAddress() && token == null) {
            throw new InputProblemException("--host", 0, 0, "", "serving on " + host
                    + " (not loopback) needs --token, so that no one on the network writes to the model uninvited");
        }
        PlacementEngine engine;
        dev.placementstudio.io.store.ServedStore store = null;
        boolean db = model != null && model.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".db");
        if (db) {
            store = dev.placementstudio.io.store.ServedStore.open(model);
        }
        if (store != null && store.hasState()) {
            engine = store.load(); // what an earlier serve of this file acknowledged
            store.attach(engine, false);
            System.err.println("serve: resuming the Placement state kept in " + model + "; every write is saved to it");
        } else if (empty) {
            engine = PlacementEngine.empty();
        } else {
            PlacementState state;
            try {
                state = model.toString().endsWith(".json") && isDump(model) ? PlacementDump.read(model)
                        : Projection.project(ModelFiles.open(model));
            } catch (InvalidModelException e) {
                throw new InputProblemException(model.toString(), 0, 0, e.problems().get(0).path(), e.problems().get(0).message());
            }
            try {
                engine = PlacementEngine.fromState(state);
            } catch (PlacementException e) {
                throw new InputProblemException(model.toString(), 0, 0, "", "Placement would refuse this state: " + e.getMessage());
            }
            if (store != null) {
                store.attach(engine, true);
                System.err.println("serve: every write is saved to " + model + " before it is answered");
            } else {
                System.err.println("serve: writes go to memory only; they are not saved to " + model);
            }
        }
        PlacementServer server = new PlacementServer(engine, token)
                .withRequestTimeout(java.time.Duration.ofMillis(
                        requestTimeout == 0 ? 0 : Math.max(1, Math.round(requestTimeout * 1000))));
        if (store != null) {
            dev.placementstudio.io.store.ServedStore s = store;
            server.withDurability(s::commit);
        }
        server.start(host, port);
        System.out.println("Placement API on http://" + host + ":" + server.port() + " (microversions 1.0-1.39)");
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }

    private static boolean isDump(Path p) {
        try {
            return PlacementDump.looksLikeDump(new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.toFile()));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
