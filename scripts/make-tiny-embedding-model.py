#!/usr/bin/python3
"""Writes test/fixtures/models/tiny-bert: a tiny BERT-shaped model folder that
transformers.js loads offline, so the embedding code is tested without the hub.
Also test/fixtures/models/tiny-bert-external: the same model in the layout of
models over 2 GB (bge-m3's): onnx/model.onnx holds the graph, its weights are in
onnx/model.onnx_data beside it, and config.json does not say so.

It is not a transformer. Each of its two layers mixes every token with the
masked mean of the sentence:  h' = tanh(h @ W_tok + mean(h) @ W_ctx + b).
The [CLS] row therefore summarises the bag of words, and texts that share
words get similar CLS and mean-pooled vectors, which is all the tests need.

Needs Debian's python3-onnx and python3-numpy:
    apt-get install -y python3-onnx python3-numpy
    /usr/bin/python3 scripts/make-tiny-embedding-model.py
Fixed seed: running it again rewrites the same bytes.
"""
import json
import os
import string

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'models')
OUT = os.path.join(FIXTURES, 'tiny-bert')
OUT_EXTERNAL = os.path.join(FIXTURES, 'tiny-bert-external')
HIDDEN = 32
LAYERS = 2
MAX_LENGTH = 512
SEED = 20240607
OPSET = 13
IR_VERSION = 7

SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']

# Frequent characters of everyday and counseling Chinese (BERT splits CJK text into characters).
CHINESE = (
    '的一是不了人我在有他她它这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家'
    '十用发天如然作方成者多日都三小二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知全点实长把等部工但老现感觉'
    '问题情绪压力活朋友父母孩妈爸睡眠失焦虑抑郁担害怕紧张难伤开快乐希望帮助咨询师访最近总每晚早校考试成绩事领导关系婚姻丈'
    '夫妻男女手恋爱吵架沟通理解支持孤独己身体健康医吃饭运动休息放松想改变目标很太非常些什怎样吗呢吧啊哦嗯因所以如果虽然'
    '可是已经正在需求让给被比更最还再也就才刚直接重复次回答听讲告诉明白清楚记忆忘掉时候间分钟小周月今昨明天年纪岁'
    '钱买卖房租住搬城市农村家庭亲戚兄弟姐妹儿女孙爷奶外婆公司单位业职岗位加班薪水辞换找机会未来过去现在将'
    '哭笑气愤怒烦躁累疲惫安静平稳定心跳头疼胃口食欲体重瘦胖病药治疗住院网络手机游戏视频书读写课作业老师同学'
    '班级宿舍室友毕业论文研究生大学中学高考分数排名竞争比较羡慕嫉妒自卑自信尊重价值意义生命死亡离别怀念'
    '相信信任欺骗背叛原谅道歉感谢谢请对不起没关系好的当然可能应该必须愿意喜欢讨厌恨爱护照顾陪伴'
    '第四五六七八九零百千万两档案记录评估'
    '，。！？、：；“”‘’（）《》…—'
)

ENGLISH = """
the a an and or but if then so because of to in on at for with from by about as into over after before
i you he she it we they me him her us them my your his its our their mine yours myself yourself
is am are was were be been being have has had do does did will would can could should may might must
not no yes very really just also too more most less much many some any all every each other another
what when where why how who which that this these those there here now today yesterday tomorrow
feel feels feeling felt think thought know knew want wanted need needed like liked love loved hate
say said tell told talk talked ask asked help helped try tried work worked live lived sleep slept
go went come came get got make made take took see saw look looked find found give gave keep kept
time day days night nights week weeks month months year years morning evening life home family
friend friends mother father mom dad parents son daughter child children brother sister wife husband
partner boyfriend girlfriend boss colleague colleagues coworker manager teacher student school class
exam exams grade grades study studying college university job career office money rent debt bills
stress stressed anxious anxiety worry worried afraid fear panic sad sadness depressed depression lonely
alone angry anger tired exhausted guilty ashamed hopeless calm happy hope better worse good bad
problem problems issue issues conflict argument fight divorce breakup relationship marriage trust
counselor therapist client session therapy goal goals change plan support listen understand
insomnia awake wake bed dream dreams headache appetite eat eating food weight exercise walk run
drink drinking alcohol smoke phone games social media online news health doctor hospital illness
sick pain medicine grief loss death died funeral miss memory memories past future dog cat pet
garden music piano guitar painting cooking travel moving city new old young small big long short
deadline deadlines project projects promotion fired quit interview salary overtime meeting meetings
""".split()


def vocabulary():
    words = list(SPECIAL)
    seen = set(words)

    def add(token):
        if token not in seen:
            seen.add(token)
            words.append(token)

    for ch in string.ascii_lowercase + string.digits + string.punctuation:
        add(ch)
    for ch in string.ascii_lowercase + string.digits:
        add('##' + ch)
    for w in ENGLISH:
        add(w)
    for ch in CHINESE:
        add(ch)
    return words


def tokenizer_json(vocab):
    ids = {token: i for i, token in enumerate(vocab)}
    added = [
        {'id': ids[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
        for t in SPECIAL
    ]
    special = {t: {'id': t, 'ids': [ids[t]], 'tokens': [t]} for t in ('[CLS]', '[SEP]')}
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': added,
        'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True, 'strip_accents': None, 'lowercase': True},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}}, {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [
                {'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}}, {'SpecialToken': {'id': '[SEP]', 'type_id': 0}},
                {'Sequence': {'id': 'B', 'type_id': 1}}, {'SpecialToken': {'id': '[SEP]', 'type_id': 1}},
            ],
            'special_tokens': special,
        },
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': '##', 'max_input_chars_per_word': 100, 'vocab': ids},
    }


def tokenizer_config():
    return {
        'tokenizer_class': 'BertTokenizer',
        'do_lower_case': True,
        'tokenize_chinese_chars': True,
        'model_max_length': MAX_LENGTH,
        'clean_up_tokenization_spaces': True,
        'cls_token': '[CLS]',
        'sep_token': '[SEP]',
        'pad_token': '[PAD]',
        'unk_token': '[UNK]',
        'mask_token': '[MASK]',
    }


def model_config(vocab_size):
    return {
        'architectures': ['BertModel'],
        'model_type': 'bert',
        'vocab_size': vocab_size,
        'hidden_size': HIDDEN,
        'num_hidden_layers': LAYERS,
        'num_attention_heads': 2,
        'intermediate_size': HIDDEN * 2,
        'hidden_act': 'tanh',
        'max_position_embeddings': MAX_LENGTH,
        'type_vocab_size': 2,
        'pad_token_id': 0,
        'layer_norm_eps': 1e-12,
        'torch_dtype': 'float32',
    }


def weights(vocab_size):
    rng = np.random.default_rng(SEED)
    f32 = np.float32
    w = {
        'word_embeddings': rng.normal(0, 1, (vocab_size, HIDDEN)).astype(f32),
        'token_type_embeddings': rng.normal(0, 0.05, (2, HIDDEN)).astype(f32),
    }
    for layer in range(LAYERS):
        # Small token weight, larger context weight: each row is mostly "what is the sentence about".
        w[f'layer{layer}.tok'] = rng.normal(0, 0.3 / np.sqrt(HIDDEN), (HIDDEN, HIDDEN)).astype(f32)
        w[f'layer{layer}.ctx'] = rng.normal(0, 2.5 / np.sqrt(HIDDEN), (HIDDEN, HIDDEN)).astype(f32)
        w[f'layer{layer}.bias'] = rng.normal(0, 0.05, (HIDDEN,)).astype(f32)
    return w


def quantize(array):
    """Symmetric per-tensor int8, as DequantizeLinear reads it back."""
    scale = np.float32(np.abs(array).max() / 127.0)
    q = np.clip(np.round(array / scale), -127, 127).astype(np.int8)
    return q, scale


def graph(w, quantized):
    nodes, inits = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(array, name))
        return name

    def weight(name):
        if not quantized:
            return const(name, w[name])
        q, scale = quantize(w[name])
        const(name + '.q', q)
        const(name + '.scale', np.array(scale, dtype=np.float32))
        const(name + '.zero', np.array(0, dtype=np.int8))
        nodes.append(helper.make_node('DequantizeLinear', [name + '.q', name + '.scale', name + '.zero'], [name]))
        return name

    def op(kind, inputs, output, **attrs):
        nodes.append(helper.make_node(kind, inputs, [output], **attrs))
        return output

    axis1 = const('axis1', np.array([1], dtype=np.int64))
    axis_last = const('axis_last', np.array([-1], dtype=np.int64))
    one = const('one', np.array(1.0, dtype=np.float32))

    words = op('Gather', [weight('word_embeddings'), 'input_ids'], 'words')
    types = op('Gather', [weight('token_type_embeddings'), 'token_type_ids'], 'types')
    hidden = op('Add', [words, types], 'embedded')

    mask = op('Cast', ['attention_mask'], 'mask_f', to=TensorProto.FLOAT)
    mask = op('Unsqueeze', [mask, axis_last], 'mask')
    count = op('ReduceSum', [mask, axis1], 'count', keepdims=1)
    count = op('Max', [count, one], 'count_safe')

    for layer in range(LAYERS):
        p = f'layer{layer}'
        masked = op('Mul', [hidden, mask], f'{p}.masked')
        total = op('ReduceSum', [masked, axis1], f'{p}.sum', keepdims=1)
        context = op('Div', [total, count], f'{p}.context')
        tok = op('MatMul', [hidden, weight(f'{p}.tok')], f'{p}.tok_out')
        ctx = op('MatMul', [context, weight(f'{p}.ctx')], f'{p}.ctx_out')
        mixed = op('Add', [tok, ctx], f'{p}.mixed')
        biased = op('Add', [mixed, weight(f'{p}.bias')], f'{p}.biased')
        hidden = op('Tanh', [biased], 'last_hidden_state' if layer == LAYERS - 1 else f'{p}.out')

    ids = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ['batch_size', 'sequence_length'])
    out = helper.make_tensor_value_info('last_hidden_state', TensorProto.FLOAT, ['batch_size', 'sequence_length', HIDDEN])
    g = helper.make_graph(nodes, 'tiny_bert', [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')], [out], inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid('', OPSET)], producer_name='simpsy-make-tiny-embedding-model')
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)
    return model


def write_json(path, value):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
        f.write('\n')


def main():
    vocab = vocabulary()
    os.makedirs(os.path.join(OUT, 'onnx'), exist_ok=True)
    write_json(os.path.join(OUT, 'config.json'), model_config(len(vocab)))
    write_json(os.path.join(OUT, 'tokenizer.json'), tokenizer_json(vocab))
    write_json(os.path.join(OUT, 'tokenizer_config.json'), tokenizer_config())
    w = weights(len(vocab))
    # model.onnx is what dtype fp32 loads; model_quantized.onnx is what dtype q8 loads.
    onnx.save(graph(w, quantized=False), os.path.join(OUT, 'onnx', 'model.onnx'))
    onnx.save(graph(w, quantized=True), os.path.join(OUT, 'onnx', 'model_quantized.onnx'))
    print(f'wrote {os.path.normpath(OUT)}: vocab {len(vocab)}, hidden {HIDDEN}')

    os.makedirs(os.path.join(OUT_EXTERNAL, 'onnx'), exist_ok=True)
    write_json(os.path.join(OUT_EXTERNAL, 'config.json'), model_config(len(vocab)))
    write_json(os.path.join(OUT_EXTERNAL, 'tokenizer.json'), tokenizer_json(vocab))
    write_json(os.path.join(OUT_EXTERNAL, 'tokenizer_config.json'), tokenizer_config())
    data = os.path.join(OUT_EXTERNAL, 'onnx', 'model.onnx_data')
    if os.path.exists(data):
        os.remove(data)
    onnx.save(
        graph(w, quantized=False),
        os.path.join(OUT_EXTERNAL, 'onnx', 'model.onnx'),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location='model.onnx_data',
        size_threshold=1024,
    )
    print(f'wrote {os.path.normpath(OUT_EXTERNAL)}: weights in onnx/model.onnx_data')


if __name__ == '__main__':
    main()
