# cluster/secure-keys.sh — CURVE keys and tokens for a secured cluster (docs/security.md).
# Sourced (not run) by `cluster/up --secure` and `tools/test-netns`; bash, no side effects when sourced.
#
#   ls_secure_keys BIN DIR WORKERS   makes the key pairs a cluster needs in DIR (mode 700), keeping any
#                                    that already exist (a restart on the same folder keeps its keys):
#                                      server.key   the pair gateway and aggregator share (--curve-secret),
#                                                   listed `component` so the aggregator's link to the
#                                                   gateway (head, replay) is admitted by its key
#                                      worker-I.key one per worker, I = 1…WORKERS, listed `component`
#                                      operator.key listed `operator`
#                                      client.key   listed `client` (send, report, subscribe)
#                                    each with NAME.pub (its Z85 public key), and writes DIR/allow,
#                                    the allow-list (`Z85 role` lines) for --curve-allow.
#   ls_public_key FILE               prints the public key (Z85) of a key pair file.
#   ls_token BIN token create …      runs `BIN token create …` and prints only the token (lst_…).
#   ls_token_id BIN token create …   the same, printing "ID TOKEN".
#
# Z85 keys use shell metacharacters ($ & < > * ? # …): always quote them.

ls_public_key() {
    sed -n 's/^public //p' "$1"
}

# ls_keypair BIN FILE: makes FILE (and FILE's .pub) unless FILE already holds a pair.
ls_keypair() {
    local bin=$1 file=$2 pub=${2%.key}.pub
    if [ ! -s "$file" ] || [ -z "$(ls_public_key "$file")" ]; then
        "$bin" keygen --out "$file" > /dev/null || return 1
    fi
    ls_public_key "$file" > "$pub"
    [ -s "$pub" ]
}

ls_secure_keys() {
    local bin=$1 dir=$2 workers=$3 i name
    mkdir -p "$dir" && chmod 700 "$dir" || return 1
    for name in server operator client; do ls_keypair "$bin" "$dir/$name.key" || return 1; done
    for i in $(seq 1 "$workers"); do ls_keypair "$bin" "$dir/worker-$i.key" || return 1; done
    {
        echo "# leadstream CURVE allow-list (--curve-allow): Z85 role; reloaded when it changes"
        echo "$(cat "$dir/server.pub") component  # gateway + aggregator (shared pair)"
        for i in $(seq 1 "$workers"); do echo "$(cat "$dir/worker-$i.pub") component  # worker-$i"; done
        echo "$(cat "$dir/operator.pub") operator"
        echo "$(cat "$dir/client.pub") client"
    } > "$dir/allow.tmp" && mv "$dir/allow.tmp" "$dir/allow"
}

ls_token_id() {
    local bin=$1 out
    shift
    out=$("$bin" "$@") || return 1
    printf '%s %s\n' "$(printf '%s' "$out" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')" \
        "$(printf '%s' "$out" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
}

ls_token() {
    local pair
    pair=$(ls_token_id "$@") || return 1
    printf '%s\n' "${pair#* }"
}
