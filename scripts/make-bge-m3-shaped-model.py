#!/usr/bin/python3
"""Writes a model folder of bge-m3's shape with random weights, for bench/embeddings.bench.ts (never committed).

The graph is an XLM-RoBERTa encoder as bge-m3 exports it: 250,002-token vocabulary, hidden size 1024, 16 attention
heads, feed-forward 4096, 8,194 positions, plain (unfused) attention, in the layout of models over 2 GB: onnx/model.onnx
holds the graph and onnx/model.onnx_data the weights; config.json does not say so. The tokenizer is a word-level
stand-in whose every word is one token, so a bench text of N-2 words is N tokens long.

    apt-get install -y python3-onnx python3-numpy
    /usr/bin/python3 scripts/make-bge-m3-shaped-model.py OUT_DIR [--layers 24]

24 layers give bge-m3's 2.27 GB; fewer layers build and run faster with the same per-layer memory.
"""
import argparse
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

VOCAB = 250002
HIDDEN = 1024
HEADS = 16
FFN = 4096
POSITIONS = 8194
WORDS = 4000
SPECIAL = ['<s>', '<pad>', '</s>', '<unk>']


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('out')
    parser.add_argument('--layers', type=int, default=24)
    # ONNX Runtime's fused attention (com.microsoft MultiHeadAttention) instead of the exported MatMul-Softmax-MatMul;
    # without a padding mask, so only for batches of equal-length texts (the bench's).
    parser.add_argument('--fused-attention', action='store_true')
    args = parser.parse_args()
    onnx_dir = os.path.join(args.out, 'onnx')
    os.makedirs(onnx_dir, exist_ok=True)
    data_path = os.path.join(onnx_dir, 'model.onnx_data')
    rng = np.random.default_rng(7)
    inits = []
    nodes = []

    with open(data_path, 'wb') as data:

        def weight(name, shape, std=0.02, value=None):
            array = value if value is not None else (rng.standard_normal(shape, dtype=np.float32) * std)
            tensor = TensorProto()
            tensor.name = name
            tensor.data_type = TensorProto.FLOAT
            tensor.dims.extend(shape)
            offset = data.tell()
            data.write(array.astype(np.float32).tobytes())
            tensor.data_location = TensorProto.EXTERNAL
            for key, value in (('location', 'model.onnx_data'), ('offset', offset), ('length', array.nbytes)):
                entry = tensor.external_data.add()
                entry.key, entry.value = key, str(value)
            inits.append(tensor)
            return name

        def const(name, array):
            inits.append(numpy_helper.from_array(array, name))
            return name

        def op(kind, inputs, output, **attrs):
            nodes.append(helper.make_node(kind, inputs, [output], **attrs))
            return output

        ones = lambda n: np.ones(n, dtype=np.float32)
        zeros = lambda n: np.zeros(n, dtype=np.float32)

        def layer_norm(x, name):
            g = weight(f'{name}.gamma', [HIDDEN], value=ones(HIDDEN))
            b = weight(f'{name}.beta', [HIDDEN], value=zeros(HIDDEN))
            return op('LayerNormalization', [x, g, b], f'{name}.out', axis=-1, epsilon=1e-5)

        def linear(x, name, n_in, n_out):
            w = weight(f'{name}.w', [n_in, n_out])
            b = weight(f'{name}.b', [n_out], value=zeros(n_out))
            return op('Add', [op('MatMul', [x, w], f'{name}.mm'), b], f'{name}.out')

        # Embeddings: words, positions (from 2, as XLM-R counts them), the one token type.
        words = op('Gather', [weight('word_embeddings', [VOCAB, HIDDEN]), 'input_ids'], 'words')
        shape = op('Shape', ['input_ids'], 'ids_shape')
        length = op('Gather', [shape, const('one_i', np.array(1, dtype=np.int64))], 'length')
        positions = op('Range', [const('zero_i', np.array(0, dtype=np.int64)), length,
                                 const('step_i', np.array(1, dtype=np.int64))], 'positions0')
        positions = op('Add', [positions, const('two_i', np.array(2, dtype=np.int64))], 'positions')
        pos = op('Gather', [weight('position_embeddings', [POSITIONS, HIDDEN]), positions], 'pos')
        token_type = weight('token_type_embedding', [HIDDEN])
        hidden = op('Add', [op('Add', [words, pos], 'emb0'), token_type], 'emb1')
        hidden = layer_norm(hidden, 'emb_ln')

        # Attention mask as an additive bias [B, 1, 1, L].
        mask = op('Cast', ['attention_mask'], 'mask_f', to=TensorProto.FLOAT)
        mask = op('Unsqueeze', [mask, const('axes12', np.array([1, 2], dtype=np.int64))], 'mask4')
        bias = op('Mul', [op('Sub', [const('one_f', np.array(1.0, dtype=np.float32)), mask], 'inv_mask'),
                          const('neg', np.array(-1e4, dtype=np.float32))], 'mask_bias')
        heads_shape = const('heads_shape', np.array([0, 0, HEADS, HIDDEN // HEADS], dtype=np.int64))
        merged_shape = const('merged_shape', np.array([0, 0, HIDDEN], dtype=np.int64))
        scale = const('scale', np.array(1 / np.sqrt(HIDDEN // HEADS), dtype=np.float32))
        sqrt2 = const('sqrt2', np.array(np.sqrt(2.0), dtype=np.float32))
        half = const('half', np.array(0.5, dtype=np.float32))
        one = const('one_g', np.array(1.0, dtype=np.float32))

        for i in range(args.layers):
            p = f'l{i}'
            if args.fused_attention:
                q, k, v = (linear(hidden, f'{p}.{n}', HIDDEN, HIDDEN) for n in 'qkv')
                ctx = f'{p}.mha'
                nodes.append(helper.make_node('MultiHeadAttention', [q, k, v], [ctx], domain='com.microsoft',
                                              num_heads=HEADS))
            else:
                split = lambda x, n: op('Transpose', [op('Reshape', [x, heads_shape], f'{n}.r')], f'{n}.t',
                                        perm=[0, 2, 1, 3])
                q = split(linear(hidden, f'{p}.q', HIDDEN, HIDDEN), f'{p}.qh')
                k = op('Transpose', [op('Reshape', [linear(hidden, f'{p}.k', HIDDEN, HIDDEN), heads_shape],
                                        f'{p}.kr')], f'{p}.kt', perm=[0, 2, 3, 1])
                v = split(linear(hidden, f'{p}.v', HIDDEN, HIDDEN), f'{p}.vh')
                scores = op('Add', [op('Mul', [op('MatMul', [q, k], f'{p}.qk'), scale], f'{p}.scaled'), bias],
                            f'{p}.scores')
                probs = op('Softmax', [scores], f'{p}.probs', axis=-1)
                ctx = op('Transpose', [op('MatMul', [probs, v], f'{p}.ctx')], f'{p}.ctx_t', perm=[0, 2, 1, 3])
                ctx = op('Reshape', [ctx, merged_shape], f'{p}.ctx_m')
            hidden = layer_norm(op('Add', [hidden, linear(ctx, f'{p}.o', HIDDEN, HIDDEN)], f'{p}.res1'), f'{p}.ln1')
            up = linear(hidden, f'{p}.up', HIDDEN, FFN)
            # GELU (erf form): 0.5 x (1 + erf(x / sqrt 2)).
            gelu = op('Mul', [op('Mul', [up, half], f'{p}.halfx'),
                              op('Add', [op('Erf', [op('Div', [up, sqrt2], f'{p}.xs')], f'{p}.erf'), one],
                                 f'{p}.erf1')], f'{p}.gelu')
            down = linear(gelu, f'{p}.down', FFN, HIDDEN)
            hidden = layer_norm(op('Add', [hidden, down], f'{p}.res2'), f'{p}.ln2')
        op('Identity', [hidden], 'last_hidden_state')

    ids = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ['batch_size', 'sequence_length'])
    output = helper.make_tensor_value_info('last_hidden_state', TensorProto.FLOAT,
                                           ['batch_size', 'sequence_length', HIDDEN])
    graph = helper.make_graph(nodes, 'xlmr_shaped', [ids('input_ids'), ids('attention_mask')], [output], inits)
    opsets = [helper.make_opsetid('', 17)] + ([helper.make_opsetid('com.microsoft', 1)] if args.fused_attention else [])
    model = helper.make_model(graph, opset_imports=opsets, producer_name='simpsy-bench')
    model.ir_version = 8
    with open(os.path.join(onnx_dir, 'model.onnx'), 'wb') as f:
        f.write(model.SerializeToString())

    vocab = {t: i for i, t in enumerate(SPECIAL)}
    for w in range(WORDS):
        vocab[f'w{w}'] = len(vocab)
    tokenizer = {
        'version': '1.0', 'truncation': None, 'padding': None,
        'added_tokens': [{'id': vocab[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False,
                          'normalized': False, 'special': True} for t in SPECIAL],
        'normalizer': None,
        'pre_tokenizer': {'type': 'WhitespaceSplit'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '<s>', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                       {'SpecialToken': {'id': '</s>', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '<s>', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                     {'SpecialToken': {'id': '</s>', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 0}},
                     {'SpecialToken': {'id': '</s>', 'type_id': 0}}],
            'special_tokens': {t: {'id': t, 'ids': [vocab[t]], 'tokens': [t]} for t in ('<s>', '</s>')},
        },
        'decoder': None,
        'model': {'type': 'WordLevel', 'vocab': vocab, 'unk_token': '<unk>'},
    }
    write_json(os.path.join(args.out, 'tokenizer.json'), tokenizer)
    write_json(os.path.join(args.out, 'tokenizer_config.json'), {
        'tokenizer_class': 'XLMRobertaTokenizer', 'model_max_length': 8192, 'bos_token': '<s>', 'eos_token': '</s>',
        'cls_token': '<s>', 'sep_token': '</s>', 'pad_token': '<pad>', 'unk_token': '<unk>'})
    write_json(os.path.join(args.out, 'config.json'), {
        'architectures': ['XLMRobertaModel'], 'model_type': 'xlm-roberta', 'vocab_size': VOCAB,
        'hidden_size': HIDDEN, 'num_hidden_layers': args.layers, 'num_attention_heads': HEADS,
        'intermediate_size': FFN, 'max_position_embeddings': POSITIONS, 'pad_token_id': 1, 'type_vocab_size': 1})
    size = os.path.getsize(data_path) / 1e9
    print(f'wrote {args.out}: {args.layers} layers, weights {size:.2f} GB in onnx/model.onnx_data')


def write_json(path, value):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(value, f, ensure_ascii=False)


if __name__ == '__main__':
    main()
