package dev.placementstudio.app.importer;

import dev.placementstudio.app.importer.ConnectionForm.Auth;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.EnumMap;
import java.util.Map;
import java.util.prefs.Preferences;

/**
 * File → Import from a running cloud…: how to reach the cloud, one way at a time (clouds.yaml, password,
 * application credential, token and endpoints), then region, interface and CA file. Its result is a
 * {@link ConnectionForm}; with Remember ticked the form's non-secret fields go to Preferences.
 */
public final class ImportDialog extends Dialog<ConnectionForm> {
    public static final ButtonType IMPORT = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
    private static final String NODE = "import-cloud";

    final ComboBox<Auth> auth = new ComboBox<>(FXCollections.observableArrayList(Auth.values()));
    final TextField cloud = field("import-cloud", "e.g. mycloud");
    final TextField authUrl = field("import-auth-url", "https://keystone.example:5000/v3");
    final TextField username = field("import-username", "");
    final PasswordField password = secret("import-password");
    final TextField project = field("import-project", "");
    final TextField userDomain = field("import-user-domain", "Default");
    final TextField projectDomain = field("import-project-domain", "Default");
    final TextField appCredId = field("import-app-cred-id", "");
    final PasswordField appCredSecret = secret("import-app-cred-secret");
    final PasswordField token = secret("import-token");
    final TextField compute = field("import-compute", "http://nova.example:8774/v2.1");
    final TextField placement = field("import-placement", "http://placement.example:8778");
    final TextField region = field("import-region", "(the cloud's)");
    final ComboBox<String> iface = new ComboBox<>(FXCollections.observableArrayList("", "public", "internal", "admin"));
    final TextField cacert = field("import-cacert", "CA.pem (system CAs when empty)");
    final CheckBox remember = new CheckBox("Remember these settings (never the password, secret or token)");
    private final Label problem = new Label();
    private final Map<Auth, GridPane> panes = new EnumMap<>(Auth.class);
    private GridPane keystonePane;

    public ImportDialog(Window owner, ConnectionForm initial, Preferences prefs) {
        initOwner(owner);
        setTitle("Import from a running cloud");
        setHeaderText("Import from a running cloud");
        auth.setId("import-auth");
        iface.setId("import-interface");
        remember.setId("import-remember");
        problem.setId("import-problem");
        problem.setStyle("-fx-text-fill: #b00020;");
        problem.setWrapText(true);
        GridPane head = grid();
        head.addRow(0, new Label("Connect with"), auth);
        GridPane keystone = grid();
        keystone.addRow(0, new Label("Auth URL"), authUrl);
        panes.put(Auth.CLOUDS_YAML, pane("Cloud (clouds.yaml)", cloud));
        panes.put(Auth.PASSWORD, pane("User name", username, "Password", password, "Project", project,
                "User domain", userDomain, "Project domain", projectDomain));
        panes.put(Auth.APPLICATION_CREDENTIAL, pane("Credential ID", appCredId, "Credential secret", appCredSecret));
        panes.put(Auth.TOKEN, pane("Token", token, "Compute endpoint", compute, "Placement endpoint", placement));
        keystonePane = keystone;
        GridPane tail = grid();
        tail.addRow(0, new Label("Region"), region);
        tail.addRow(1, new Label("Interface"), iface);
        tail.addRow(2, new Label("CA file"), cacert);
        iface.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String v) {
                return v == null || v.isEmpty() ? "(the cloud's, else public)" : v;
            }

            @Override
            public String fromString(String v) {
                return v;
            }
        });
        VBox g = new VBox(6, head, keystone);
        g.getChildren().addAll(panes.values());
        g.getChildren().add(tail);
        Label note = new Label("Passwords, application credential secrets and tokens are used for this import and for "
                + "Refresh in this session only; Placement Studio never writes them to disk.");
        note.setWrapText(true);
        note.setMaxWidth(520);
        VBox box = new VBox(10, g, remember, note, problem);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(IMPORT, ButtonType.CANCEL);
        auth.valueProperty().addListener((o, a, b) -> showRows(b));
        fill(initial != null ? initial : remembered(prefs));
        remember.setSelected(prefs != null && prefs.node(NODE).getBoolean("remember", false));
        getDialogPane().lookupButton(IMPORT).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String p = form().problem();
            if (p != null) {
                problem.setText(p);
                e.consume();
            }
        });
        setResultConverter(b -> {
            if (b != IMPORT) {
                return null;
            }
            ConnectionForm f = form();
            if (prefs != null) {
                store(prefs, f, remember.isSelected());
            }
            return f;
        });
    }

    /** The form as the fields hold it now. */
    public ConnectionForm form() {
        return new ConnectionForm(auth.getValue(), cloud.getText(), authUrl.getText(), username.getText(),
                password.getText(), project.getText(), userDomain.getText(), projectDomain.getText(), appCredId.getText(),
                appCredSecret.getText(), token.getText(), compute.getText(), placement.getText(), region.getText(),
                iface.getValue() == null ? "" : iface.getValue(), cacert.getText());
    }

    public void fill(ConnectionForm f) {
        auth.setValue(f.auth());
        cloud.setText(f.cloud());
        authUrl.setText(f.authUrl());
        username.setText(f.username());
        password.setText(f.password());
        project.setText(f.projectName());
        userDomain.setText(f.userDomain());
        projectDomain.setText(f.projectDomain());
        appCredId.setText(f.appCredId());
        appCredSecret.setText(f.appCredSecret());
        token.setText(f.token());
        compute.setText(f.computeEndpoint());
        placement.setText(f.placementEndpoint());
        region.setText(f.region());
        iface.setValue(f.iface());
        cacert.setText(f.cacert());
        showRows(f.auth());
    }

    /** The last remembered form (no secrets), or the empty one. */
    public static ConnectionForm remembered(Preferences prefs) {
        if (prefs == null || !prefs.node(NODE).getBoolean("remember", false)) {
            return ConnectionForm.empty();
        }
        Preferences n = prefs.node(NODE);
        Map<String, String> m = new java.util.HashMap<>();
        for (String k : ConnectionForm.empty().remembered().keySet()) {
            String v = n.get(k, null);
            if (v != null) {
                m.put(k, v);
            }
        }
        return ConnectionForm.fromRemembered(m);
    }

    static void store(Preferences prefs, ConnectionForm f, boolean remember) {
        Preferences n = prefs.node(NODE);
        try {
            n.clear();
        } catch (java.util.prefs.BackingStoreException e) {
            // nothing stored is the safe side
        }
        n.putBoolean("remember", remember);
        if (remember) {
            f.remembered().forEach(n::put);
        }
    }

    private void showRows(Auth a) {
        panes.forEach((k, p) -> {
            p.setVisible(k == a);
            p.setManaged(k == a);
        });
        boolean keystone = a == Auth.PASSWORD || a == Auth.APPLICATION_CREDENTIAL;
        keystonePane.setVisible(keystone);
        keystonePane.setManaged(keystone);
        problem.setText("");
        if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    /** A grid whose label column is as wide in every pane, so the fields line up. */
    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints(150);
        g.getColumnConstraints().add(labels);
        return g;
    }

    private static GridPane pane(Object... pairs) {
        GridPane g = grid();
        for (int i = 0; i < pairs.length; i += 2) {
            g.addRow(i / 2, new Label((String) pairs[i]), (Node) pairs[i + 1]);
        }
        return g;
    }

    private static TextField field(String id, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.setPrefColumnCount(28);
        return t;
    }

    private static PasswordField secret(String id) {
        PasswordField t = new PasswordField();
        t.setId(id);
        t.setPrefColumnCount(28);
        return t;
    }
}
