"""Event extraction on tiny hand-made sentences: trigger, type and every role.

Each case lists the expected event types and, for one type, the expected
argument texts by role. The pipeline is ``build_nlp()`` on ``spacy.blank("en")``.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg.model import EventType
from kg.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def events_of(nlp, text, pub=date(2024, 12, 15)):
    doc = nlp.make_doc(text)
    doc._.kg_doc_id = "t"
    doc._.kg_pub_date = pub
    return nlp(doc)._.kg_events


def roles(event):
    out = {}
    for a in event.args:
        out.setdefault(a.role, []).append(a.text)
    return out


def check_roles(nlp, text, etype, expected):
    """The first event of type ``etype`` read from ``text`` has the ``expected`` texts per role."""
    evs = [e for e in events_of(nlp, text) if e.type.value == etype]
    assert evs, [(e.type.value, roles(e)) for e in events_of(nlp, text)]
    got = roles(evs[0])
    for role, texts in expected.items():
        assert got.get(role) == texts, (role, got)


CASES = [
    # deployment: active, passive, nominal with by-agent, intransitive, presence
    ("Russia has deployed North Korean troops to the Kursk region.", "deployment",
     {"agent": ["Russia"], "forces": ["North Korean troops"], "place": ["Kursk region"]}),
    ("North Korean troops are being deployed to Kursk.", "deployment",
     {"forces": ["North Korean troops"], "place": ["Kursk"]}),
    ("Zelensky reported the deployment of North Korean troops by Russia in the Kursk region.", "deployment",
     {"agent": ["Russia"], "forces": ["North Korean troops"], "place": ["Kursk region"]}),
    ("Around 11,000 North Korean soldiers are located in Kursk Oblast.", "deployment",
     {"forces": ["North Korean soldiers"], "quantity": ["Around 11,000"], "place": ["Kursk Oblast"]}),
    ("Russia And North Korea Troops Amass For Assault In Ukraine", "deployment",
     {"forces": ["Russia And North Korea Troops"], "place": ["Ukraine"]}),
    ("Iran sent hundreds of fighters to Syria last month.", "deployment",
     {"agent": ["Iran"], "place": ["Syria"], "date": ["last month"]}),
    # strike: verbal, nominal with target, demonym agent, weapon, passive
    ("Russian marines attacked Ukrainian positions in Kursk on Thursday.", "strike",
     {"agent": ["Russian marines"], "target": ["Ukrainian positions"], "place": ["Kursk"], "date": ["on Thursday"]}),
    ("A Ukrainian drone struck a military base in Grozny.", "strike",
     {"agent": ["Ukrainian"], "target": ["a military base"], "weapon": ["drone"], "place": ["Grozny"]}),
    ("Ukraine carried out a drone strike on an oil terminal in Oryol.", "strike",
     {"agent": ["Ukraine"], "target": ["an oil terminal"], "weapon": ["drone"], "place": ["Oryol"]}),
    ("Air defences intercepted dozens of Russian missile attacks.", "strike",
     {"agent": ["Russian"], "weapon": ["missile"]}),
    # a place as the object is where the strike was, not what it hit ("strikes on Gaza", "at Israel")
    ("Israeli airstrikes on Gaza killed 20 people.", "strike",
     {"agent": ["Israeli"], "place": ["Gaza"], "target": None}),
    ("Israeli airstrikes killed at least 30 people in the central Gaza Strip.", "strike",
     {"agent": ["Israeli"], "place": ["Gaza Strip"]}),
    ("The Israeli military said it struck Hezbollah targets in southern Lebanon.", "strike",
     {"agent": ["Israeli military"], "target": ["Hezbollah targets"], "place": ["Lebanon"]}),
    ("Iran fired about 180 ballistic missiles at Israel.", "strike",
     {"agent": ["Iran"], "weapon": ["ballistic missiles"], "place": ["Israel"], "target": None}),
    ("Russian forces shelled Kharkiv overnight, wounding five civilians.", "strike",
     {"agent": ["Russian forces"], "place": ["Kharkiv"], "target": None, "date": ["overnight"]}),
    ("Wagner fighters have been deployed to Mali.", "deployment",
     {"forces": ["Wagner fighters"], "place": ["Mali"]}),
    ("The Pentagon said it would send 3,000 troops to the Middle East.", "deployment",
     {"agent": ["Pentagon"], "forces": ["troops"], "quantity": ["3,000"], "place": ["Middle East"]}),
    ("A hospital in Kharkiv was hit by a Russian glide bomb.", "strike",
     {"target": ["A hospital"], "agent": ["Russian"], "weapon": ["glide bomb"], "place": ["Kharkiv"]}),
    ("An Israeli drone strike killed a Hamas commander in Tyre.", "strike",
     {"agent": ["Israeli"], "weapon": ["drone"], "target": ["a Hamas commander"], "place": ["Tyre"]}),
    ("Israel said it had killed Hezbollah leader Hassan Nasrallah in an airstrike on Beirut.", "strike",
     {"agent": ["Israel"], "place": ["Beirut"], "target": None}),
    ("Sudan's army accused the RSF of shelling a hospital in El Fasher.", "strike",
     {"agent": ["RSF"], "target": ["a hospital"], "place": ["El Fasher"]}),
    ("Pyongyang has dispatched thousands of troops to Russia, South Korea's spy agency said.", "deployment",
     {"agent": ["Pyongyang"], "forces": ["troops"], "place": ["Russia"]}),
    ("Kenya will deploy 1,000 police officers to Haiti.", "deployment",
     {"agent": ["Kenya"], "forces": ["police officers"], "quantity": ["1,000"], "place": ["Haiti"]}),
    ("Thousands of Israeli troops massed along the Lebanese border.", "deployment",
     {"forces": ["Israeli troops"], "place": ["Lebanese border"]}),
    # appointment
    ("Netanyahu appointed Israel Katz as defence minister, replacing Yoav Gallant.", "appointment",
     {"appointer": ["Netanyahu"], "person": ["Israel Katz"], "role": ["defence minister"],
      "replaces": ["Yoav Gallant"]}),
    ("General Oleksandr Tarnavskiy has been appointed to lead defence efforts in Donetsk.", "appointment",
     {"person": ["Oleksandr Tarnavskiy"], "role": ["lead defence efforts in Donetsk"]}),
    ("Putin appointed Andrei Belousov as defence minister.", "appointment",
     {"appointer": ["Putin"], "person": ["Andrei Belousov"], "role": ["defence minister"]}),
    ("Lieutenant General Oleksandr Syrskyi was named commander-in-chief of the armed forces in February.",
     "appointment", {"person": ["Oleksandr Syrskyi"], "role": ["commander-in-chief of the armed forces"],
                     "date": ["in February"]}),
    ("Zelensky dismissed the head of the army, appointing Oleksandr Syrskyi instead.", "appointment",
     {"appointer": ["Zelensky"], "person": ["Oleksandr Syrskyi"]}),
    ("Putin named Andrei Belousov, an economist, as defence minister.", "appointment",
     {"appointer": ["Putin"], "person": ["Andrei Belousov"], "role": ["defence minister"]}),
    # statement: that-clause, trailing frame, according to, quote
    ("NATO officials said that the alliance would respond.", "statement",
     {"speaker": ["NATO officials"], "content": ["the alliance would respond"]}),
    ("The war might soon expand beyond Kursk, Zelenskiy warned.", "statement",
     {"speaker": ["Zelenskiy"], "content": ["The war might soon expand beyond Kursk"]}),
    ("According to Volodymyr Zelensky, North Korean soldiers suffered casualties.", "statement",
     {"speaker": ["Volodymyr Zelensky"], "content": ["North Korean soldiers suffered casualties"]}),
    ("A missile strike on Odesa killed four people, regional governor Oleh Kiper said.", "statement",
     {"speaker": ["Oleh Kiper"], "content": ["A missile strike on Odesa killed four people"]}),
    ("“We will not surrender,” Zelensky told lawmakers in Kyiv.", "statement",
     {"speaker": ["Zelensky"], "content": ["We will not surrender"]}),
    ("Putin told reporters that the operation was going to plan.", "statement",
     {"speaker": ["Putin"], "content": ["the operation was going to plan"]}),
    ("The Ministry of Defence said its air defences destroyed 30 drones.", "statement",
     {"speaker": ["Ministry of Defence"], "content": ["its air defences destroyed 30 drones"]}),
    ("The UK is sending 100 troops to Estonia, the defence secretary said.", "statement",
     {"speaker": ["the defence secretary"], "content": ["The UK is sending 100 troops to Estonia"]}),
    ("“The situation is very difficult,” said Oleksandr Syrskyi, Ukraine's top commander.", "statement",
     {"speaker": ["Oleksandr Syrskyi"], "content": ["The situation is very difficult"]}),
    ("Pyongyang has dispatched troops to Russia, South Korea's spy agency said.", "statement",
     {"speaker": ["South Korea's spy agency"], "content": ["Pyongyang has dispatched troops to Russia"]}),
    ("Russian troops have been redeployed to Libya, according to Western officials.", "statement",
     {"speaker": ["Western officials"], "content": ["Russian troops have been redeployed to Libya"]}),
    ("Zelensky said on Saturday that Russia had lost 1,000 soldiers.", "statement",
     {"speaker": ["Zelensky"], "content": ["Russia had lost 1,000 soldiers"], "date": ["on Saturday"]}),
    # adjuncts between the verb and its content
    ("The Kremlin said on Monday it had no information about North Korean troops.", "statement",
     {"speaker": ["Kremlin"], "content": ["it had no information about North Korean troops"]}),
    ("Zelensky said in a video address on Telegram that Russia had launched 100 drones.", "statement",
     {"speaker": ["Zelensky"], "content": ["Russia had launched 100 drones"]}),
    ("Zelensky spoke to reporters. He said on Saturday.", "statement", {"speaker": ["Zelensky"], "content": None}),
    # a trailing frame with a pronoun: the content is the clause before it, not what follows the verb
    ("Zelensky visited the front on Friday. The strikes destroyed two bridges and a fuel depot, he said.",
     "statement", {"speaker": ["Zelensky"], "content": ["The strikes destroyed two bridges and a fuel depot"]}),
    # a title of several words (one of them an entity) between the comma and the name
    ("Russia has deployed troops to Kursk, Defence Minister Rustem Umerov told reporters in Kyiv.", "statement",
     {"speaker": ["Rustem Umerov"], "content": ["Russia has deployed troops to Kursk"]}),
    # "…, X said:": the content follows the colon; the opening phrase is not content
    ("Following the visit, the Minister said:", "statement", {"speaker": ["the Minister"], "content": None}),
    ("Speaking nearly a year after the fall of Mosul, Foreign Secretary Philip Hammond said.", "statement",
     {"speaker": ["Philip Hammond"], "content": None}),
    # the content may open with an agency dateline, which is not part of it
    ("KYIV, Nov 17 (Reuters) - Russia launched a massive air attack on Sunday, Ukrainian officials said.",
     "statement", {"speaker": ["Ukrainian officials"], "content": ["Russia launched a massive air attack on Sunday"]}),
    ("KYIV, Nov 17 (Reuters) - Russia launched one of its largest air attacks of the war on Sunday, firing "
     "120 missiles at energy facilities across Ukraine.", "strike", {"agent": ["Russia"]}),
    # "…, its operational command said": the speaker is found further left, the content ends at the comma
    ("Poland scrambled fighter jets as a precaution, its operational command said.", "statement",
     {"content": ["Poland scrambled fighter jets as a precaution"]}),
    # content may open with a title
    ("General Syrskyi has taken command of the army, Zelensky said.", "statement",
     {"speaker": ["Zelensky"], "content": ["General Syrskyi has taken command of the army"]}),
    # one opening word before the comma is not content: the complement is
    ("Meanwhile, President-elect Donald Trump has made promises to end the war.", "statement",
     {"speaker": ["Donald Trump"], "content": ["to end the war"]}),
    # a fronted "In/Near X," phrase gives the place, and is not the attacker
    ("In Kharkiv, Russian forces carried out three missile strikes on energy facilities.", "strike",
     {"agent": ["Russian forces"], "target": ["energy facilities"], "place": ["Kharkiv"]}),
    ("In Syria, coalition aircraft conducted 23 strikes against ISIL targets.", "strike",
     {"agent": None, "target": ["ISIL targets"], "place": ["Syria"]}),
    ("In Russia's Belgorod region, Ukrainian troops were deployed along the border.", "deployment",
     {"forces": ["Ukrainian troops"], "place": ["Belgorod region"]}),
    # a noun the trigger modifies ("bombing raids") stands between it and the target
    ("The UK has conducted over 265 bombing raids on ISIL targets.", "strike",
     {"agent": ["UK"], "target": ["ISIL targets"]}),
    # a verb's target after "at"/"against", without the preposition
    ("Russian forces struck at a fuel depot in Kursk.", "strike",
     {"agent": ["Russian forces"], "target": ["a fuel depot"], "place": ["Kursk"]}),
    # "The president named X": a definite subject, an appointment ("a man named X" is not)
    ("The president named Andrei Belousov defence minister.", "appointment",
     {"person": ["Andrei Belousov"], "role": ["defence minister"]}),
    # "named X <title>": the role follows the person without "as"
    ("Putin named Andrei Belousov defence minister on Sunday.", "appointment",
     {"appointer": ["Putin"], "person": ["Andrei Belousov"], "role": ["defence minister"]}),
    # "replaced him with Y": Y is appointed, the pronoun stands for the last person named
    ("Netanyahu fired Defence Minister Yoav Gallant and replaced him with Israel Katz.", "appointment",
     {"person": ["Israel Katz"], "replaces": ["Yoav Gallant"]}),
    # platforms deployed; a bare force noun as the passive subject
    ("The US deployed two aircraft carriers to the eastern Mediterranean.", "deployment",
     {"agent": ["US"], "forces": ["aircraft carriers"], "quantity": ["two"], "place": ["eastern Mediterranean"]}),
    ("The troops were deployed to Kursk last week.", "deployment", {"forces": ["troops"], "place": ["Kursk"]}),
    # an unnamed institution or officials as the source
    ("The ministry added that 12 drones had been shot down over the Belgorod region.", "statement",
     {"speaker": ["The ministry"], "content": ["12 drones had been shot down over the Belgorod region"]}),
    ("Zelensky posted on social media that Russia had launched 90 drones overnight.", "statement",
     {"speaker": ["Zelensky"], "content": ["Russia had launched 90 drones overnight"]}),
    ("Three civilians were killed, according to local officials.", "statement",
     {"speaker": ["local officials"], "content": ["Three civilians were killed"]}),
    ("Syrskyi replaced Zaluzhnyi as commander-in-chief in February 2024.", "appointment",
     {"person": ["Syrskyi"], "replaces": ["Zaluzhnyi"], "role": ["commander-in-chief"]}),
    # an unnamed source closing the sentence ("the army", "aid workers")
    ("Israeli jets bombed Hezbollah positions in southern Lebanon, the army said in a statement.", "statement",
     {"speaker": ["the army"], "content": ["Israeli jets bombed Hezbollah positions in southern Lebanon"]}),
    ("The RSF attacked the Zamzam camp, killing dozens of displaced people, aid workers said.", "statement",
     {"speaker": ["aid workers"], "content": ["The RSF attacked the Zamzam camp, killing dozens of displaced people"]}),
    # unnamed sources: a head noun with modifiers and a prepositional tail, coordinated heads,
    # a fronted adjunct before the subject, an inverted frame, a name before its apposition
    ("Three civilians were killed when a drone hit a market, a medical source at the city hospital said.",
     "statement", {"speaker": ["a medical source at the city hospital"],
                   "content": ["Three civilians were killed when a drone hit a market"]}),
    ("The army deployed 2,000 troops to the port, an army source said.", "statement",
     {"speaker": ["an army source"], "content": ["The army deployed 2,000 troops to the port"]}),
    ("The U.N. humanitarian coordinator for Sudan said that aid flights had been suspended.", "statement",
     {"speaker": ["The U.N. humanitarian coordinator for Sudan"], "content": ["aid flights had been suspended"]}),
    ("In a separate statement, the group said its fighters had shelled the airport.", "statement",
     {"speaker": ["the group"], "content": ["its fighters had shelled the airport"]}),
    ("Mediators in Doha have said that a ceasefire deal was close.", "statement",
     {"speaker": ["Mediators in Doha"], "content": ["a ceasefire deal was close"]}),
    ("Police and witnesses said the bomber blew himself up outside the base.", "statement",
     {"speaker": ["Police and witnesses"], "content": ["the bomber blew himself up outside the base"]}),
    ("A monastery was among the buildings destroyed, said a member of the local defence force.", "statement",
     {"speaker": ["a member of the local defence force"], "content": ["A monastery was among the buildings destroyed"]}),
    ("Naftogaz, the state energy company, said its gas facilities had been struck again.", "statement",
     {"speaker": ["Naftogaz"], "content": ["its gas facilities had been struck again"]}),
    ("The regional emergency headquarters said debris from a drone had caused a fire.", "statement",
     {"speaker": ["The regional emergency headquarters"], "content": ["debris from a drone had caused a fire"]}),
    # a force noun opening a weapon's name is the weapon ("Israeli fighter jets"), not forces
    ("Israeli fighter jets hit Hezbollah positions.", "strike",
     {"agent": ["Israeli"], "weapon": ["fighter jets"], "target": ["Hezbollah positions"]}),
    # an attacker that names no actor: a force or armed-group noun phrase as the verb's subject
    ("The militia targeted civilian facilities.", "strike",
     {"agent": ["The militia"], "target": ["civilian facilities"]}),
    ("The group's naval forces had targeted the ship with missiles.", "strike",
     {"agent": ["The group's naval forces"], "target": ["the ship"], "weapon": ["missiles"]}),
    # the subject of a light verb is the attacker of its strike noun; a quote before "on"
    ('The Israeli military said it had carried out "a precise strike" on Hamas militants.', "strike",
     {"agent": ["Israeli military"], "target": ["Hamas militants"]}),
    # a name and its acronym in parentheses before the verb; "overran"
    ("Fighters from the Group for the Support of Islam and Muslims (JNIM) overran a military camp in Boulkessi.",
     "strike", {"agent": ["Group for the Support of Islam and Muslims"], "target": ["a military camp"]}),
    # a suicide bombing
    ("A suicide bomber from al-Shabaab blew himself up outside a recruitment centre in Mogadishu.", "strike",
     {"agent": ["al-Shabaab"], "place": ["Mogadishu"]}),
    # deployments: quoted and modified forces with their number, the airlifting unnamed military,
    # a headline's bare participle, the orderer of a deployment noun
    ('Rwanda had sent "at least 3,000 of its soldiers" into North Kivu province.', "deployment",
     {"forces": ["soldiers"], "quantity": ["at least 3,000"], "agent": ["Rwanda"], "place": ["North Kivu province"]}),
    ("The military had airlifted some 500 newly conscripted soldiers to the town.", "deployment",
     {"forces": ["soldiers"], "quantity": ["some 500"], "agent": ["The military"]}),
    ("Troops flown to Rakhine", "deployment", {"forces": ["Troops"], "place": ["Rakhine"]}),
    ("Defence Secretary Lloyd Austin has ordered the deployment of a squadron of F-16 fighter aircraft.",
     "deployment", {"forces": ["squadron"], "agent": ["Lloyd Austin"]}),
    ("The mission prepares to deploy 1,100 additional troops from Egypt.", "deployment",
     {"forces": ["troops"], "quantity": ["1,100"]}),
    ("Ethiopia moved an additional mechanised brigade into the region.", "deployment",
     {"forces": ["brigade"], "agent": ["Ethiopia"]}),
    # a platform after its weapon modifier; a bare object before a force named in a later clause
    ("The Pentagon announced the deployment of the guided-missile destroyer USS Carney to the Gulf of Aden.",
     "deployment", {"forces": ["missile destroyer"], "agent": ["Pentagon"], "place": ["Gulf of Aden"]}),
    ("The Royal Navy would send a second warship to the region, but ruled out putting British troops in Yemen.",
     "deployment", {"forces": ["warship"], "agent": ["Royal Navy"]}),
    # weapons downed in flight: a strike by their side (named right before them), placed "over" X
    ("Russia's defence ministry said its air defences had destroyed 43 Ukrainian drones over Krasnodar.",
     "strike", {"agent": ["Ukrainian"], "weapon": ["drones"], "place": ["Krasnodar"], "target": None}),
    ("Ukraine's air force shot down 30 Russian missiles overnight.", "strike",
     {"agent": ["Russian"], "weapon": ["missiles"]}),
    # a post filled without the appointee's name; "replaced the <role>, <title> X, with Y"
    ("Mali junta names new defence minister days after deadly jihadist assault", "appointment",
     {"role": ["defence minister"], "appointer": ["Mali junta"], "person": None}),
    ("The army named a new commander on Monday.", "appointment", {"role": ["commander"], "appointer": ["The army"]}),
    ("Zelensky on Monday replaced the commander of the Joint Forces, Lieutenant General Andriy Hnatenko, "
     "with Major General Oleh Bilyi.", "appointment",
     {"person": ["Oleh Bilyi"], "replaces": ["Andriy Hnatenko"], "role": ["the commander of the Joint Forces"],
      "appointer": ["Zelensky"]}),
    # a source named by its tail
    ("Ukrainian drones struck the refinery, a source in the SBU security service said.", "statement",
     {"speaker": ["a source in the SBU security service"], "content": ["Ukrainian drones struck the refinery"]}),
    # the downed weapons' side named after them; datelines with a country or two places
    ("The air force said it had shot down 41 of 63 Shahed-type drones launched by Russia overnight.", "strike",
     {"agent": ["Russia"], "weapon": ["drones"]}),
    ("SRINAGAR, India/ISLAMABAD (AP) — Indian troops shelled the village on Tuesday, officials on both sides said.",
     "statement", {"speaker": ["officials on both sides"],
                   "content": ["Indian troops shelled the village on Tuesday"]}),
    ("PORT-AU-PRINCE, Haiti (AP) — Gang members attacked the suburb overnight, local officials said.",
     "statement", {"speaker": ["local officials"], "content": ["Gang members attacked the suburb overnight"]}),
    # "one of the officers" is a source of the officers' kind; forces brought "with" the verb's object
    ('"Some of our men withdrew into the bush," one of the officers said.', "statement",
     {"speaker": ["one of the officers"], "content": ["Some of our men withdrew into the bush"]}),
    ("The RSF has also reinforced its lines around the city with hundreds of fighters.", "deployment",
     {"forces": ["fighters"], "agent": ["RSF"]}),
    # a city or region inside the target is its place; a country owning it is not; "the capital Kyiv"
    ("Drones hit Port Sudan fuel depot.", "strike",
     {"target": ["Port Sudan fuel depot"], "place": ["Port Sudan"], "weapon": ["Drones"]}),
    ("Russia struck Ukraine's energy grid.", "strike", {"target": ["Ukraine's energy grid"], "place": None}),
    ("Russian missiles struck the capital Kyiv overnight.", "strike",
     {"place": ["Kyiv"], "target": None, "weapon": ["missiles"]}),
    ("Three people were killed in a strike on the port city of Hodeidah.", "strike",
     {"place": ["Hodeidah"], "target": None}),
    # a closing frame followed by a tail after a comma ("…, officials said, a day after …")
    ("Troops exchanged artillery fire along the border overnight, officials on both sides said, a day after "
     "the talks failed.", "statement",
     {"speaker": ["officials on both sides"], "content": ["Troops exchanged artillery fire along the border overnight"]}),
    # a name ending in "-ed" does not end the target phrase
    ("The Israeli military said it killed Hamas commander Mohammed Deif in an airstrike in Khan Younis.", "strike",
     {"agent": ["Israeli military"], "target": ["Hamas commander Mohammed Deif"], "place": ["Khan Younis"]}),
    # "its jets", "its fighters": the possessor is the attacker
    ("The Israeli military said its jets had struck weapons depots in Beirut.", "strike",
     {"agent": ["Israeli military"], "target": ["weapons depots"], "weapon": ["jets"], "place": ["Beirut"]}),
    ("Hezbollah said in a statement that its fighters had launched a barrage of rockets at an Israeli military "
     "base near Haifa.", "strike", {"agent": ["Hezbollah"], "weapon": ["rockets"], "place": ["Haifa"]}),
    # a singular unit noun after an ordinal; "the military said": a determiner before the subject noun
    ("Israel has deployed a fourth division to its northern border, the military said on Sunday.", "deployment",
     {"agent": ["Israel"], "forces": ["division"]}),
    ("Israel has deployed a fourth division to its northern border, the military said on Sunday.", "statement",
     {"speaker": ["the military"], "content": ["Israel has deployed a fourth division to its northern border"]}),
    # abbreviated titles between the verb and the name
    ("“The enemy has used chemical weapons,” said Maj. Gen. Joseph Martin.", "statement",
     {"speaker": ["Joseph Martin"], "content": ["The enemy has used chemical weapons"]}),
    ("In the southern city of Mykolaiv, a drone strike killed two people.", "strike",
     {"weapon": ["drone"], "place": ["Mykolaiv"]}),
    ("Russia pounds Ukraine's power grid with missiles", "strike",
     {"agent": ["Russia"], "target": ["Ukraine's power grid"], "weapon": ["missiles"]}),
    # name particles: "Yasir al-Atta"
    ("Abdel Fattah al-Burhan appointed Lieutenant General Yasir al-Atta as deputy commander-in-chief.",
     "appointment", {"person": ["Yasir al-Atta"], "role": ["deputy commander-in-chief"]}),
    # a force word and the personnel noun it modifies
    ("Egypt has sent military advisers to Port Sudan.", "deployment",
     {"agent": ["Egypt"], "forces": ["military advisers"], "place": ["Port Sudan"]}),
    # an accusation names the alleged attacker
    ("Moscow accused Kyiv of attacking a nuclear power plant with drones.", "strike",
     {"agent": ["Kyiv"], "target": ["a nuclear power plant"], "weapon": ["drones"]}),
    # a place framed by "the border with"
    ("Thousands of Russian troops have massed near the border with Finland.", "deployment",
     {"forces": ["Russian troops"], "place": ["Finland"]}),
    # a fired weapon as the passive subject; a weapon used against a target
    ("Up to 40 rockets had been fired at Israel.", "strike", {"place": ["Israel"], "weapon": ["rockets"]}),
    ("In the eastern city of Baqubah, guerrillas detonated a car bomb outside a police station.", "strike",
     {"target": ["a police station"], "weapon": ["car bomb"], "place": ["Baqubah"]}),
    ("Russia used cluster bombs against civilians in Kharkiv.", "strike",
     {"agent": ["Russia"], "target": ["civilians"], "weapon": ["cluster bombs"], "place": ["Kharkiv"]}),
    # coordinated attackers; a force subject that sends a platform is the agent
    ("The US and Britain launched strikes on Houthi targets in Yemen on Thursday.", "strike",
     {"agent": ["US", "Britain"], "target": ["Houthi targets"], "place": ["Yemen"]}),
    ("Russia, Iran and Syria attacked rebel positions in Idlib.", "strike",
     {"agent": ["Russia", "Iran", "Syria"], "target": ["rebel positions"]}),
    ("The Americans have moved over 100 Special Forces to Shindand.", "deployment",
     {"forces": ["Special Forces"], "quantity": ["over 100"], "place": ["Shindand"]}),
    ("The Israeli army sent tanks into Rafah.", "deployment",
     {"agent": ["Israeli army"], "forces": ["tanks"], "place": ["Rafah"]}),
    # bare forces sent: reinforcements, a two-word force noun, units a weapon names; forces ordered or
    # kept somewhere
    ("Baku sent reinforcements to Syunik.", "deployment", {"agent": ["Baku"], "forces": ["reinforcements"]}),
    ("Taiwan deployed 600 additional coast guard officers to Kinmen.", "deployment",
     {"agent": ["Taiwan"], "forces": ["coast guard officers"], "quantity": ["600"]}),
    ("Azerbaijan moved additional motorised rifle units to Syunik.", "deployment",
     {"agent": ["Azerbaijan"], "forces": ["rifle units"], "place": ["Syunik"]}),
    ("The Pentagon ordered the aircraft carrier USS Carl Vinson to the eastern Mediterranean.", "deployment",
     {"agent": ["Pentagon"], "forces": ["aircraft carrier"]}),
    ("Russia has concentrated more than 100,000 troops near Pokrovsk, according to Ukrainian military estimates.",
     "deployment", {"agent": ["Russia"], "forces": ["troops"], "place": ["Pokrovsk"]}),
    ("The government approved the deployment of 1,500 Frontier Corps personnel to Bannu.", "deployment",
     {"forces": ["Frontier Corps personnel"], "quantity": ["1,500"]}),
    ("The Lebanese army announced the deployment of an additional 1,000 soldiers to the border.", "deployment",
     {"agent": ["Lebanese army"], "forces": ["soldiers"], "quantity": ["1,000"]}),
    ("The Pentagon has kept about 500 troops in Somalia.", "deployment",
     {"agent": ["Pentagon"], "forces": ["troops"], "place": ["Somalia"]}),
    # a post filled without a name ends at a comma or at "and" before a verb; an army appoints
    ("Captain Ibrahim Traoré has appointed a new army chief of staff and dismissed his prime minister.",
     "appointment", {"appointer": ["Ibrahim Traoré"], "role": ["army chief of staff"]}),
    ("Burkina junta names new army chief, sacks prime minister", "appointment",
     {"appointer": ["Burkina junta"], "role": ["army chief"]}),
    ("The Ethiopian army on Monday appointed General Tesfaye Ayalew as commander.", "appointment",
     {"appointer": ["Ethiopian army"], "person": ["Tesfaye Ayalew"], "role": ["commander"]}),
    # a descriptor before the appointee; a relative or appositive subject of "replaced"/"took over from";
    # a subordinate clause ends the role
    ("Putin has appointed his former defence minister Sergei Shoigu as secretary of the Security Council.",
     "appointment", {"appointer": ["Putin"], "person": ["Sergei Shoigu"],
                     "role": ["secretary of the Security Council"]}),
    ("Oleksandr Syrskyi, who replaced Valeriy Zaluzhnyi in February, said the situation was difficult.",
     "appointment", {"person": ["Oleksandr Syrskyi"], "replaces": ["Valeriy Zaluzhnyi"]}),
    ("The new commander, Lieutenant General Mykhailo Drapatyi, took over from General Yurii Sodol.",
     "appointment", {"person": ["Mykhailo Drapatyi"], "replaces": ["Yurii Sodol"]}),
    # a long apposition between the appointee and "as <role>"
    ("President Lai Ching-te appointed Kao Wen-pin, a retired navy admiral who until last year headed the "
     "council's defence policy unit, as defence minister.", "appointment",
     {"appointer": ["Lai Ching-te"], "person": ["Kao Wen-pin"], "role": ["defence minister"]}),
    ("Israel Katz was appointed defence minister after Netanyahu dismissed Yoav Gallant.", "appointment",
     {"person": ["Israel Katz"], "role": ["defence minister"]}),
    # an actor noun modifying the strike noun or the weapon subject names the attacker, when nothing
    # names one; not one modifying another noun, nor an actor of another clause
    ("Military air strikes on three villages in Sagaing region kill at least 23.", "strike",
     {"agent": ["Military"], "target": ["three villages"]}),
    ("Government helicopters bombed villages around Nasir on Monday.", "strike",
     {"agent": ["Government"], "weapon": ["helicopters"]}),
    ("Rwanda sends troops to Cabo Delgado after insurgent raids on Macomia.", "strike", {"agent": ["insurgent"]}),
    ("The army recruitment centre attack killed 19 people in Mogadishu.", "strike",
     {"agent": None, "place": ["Mogadishu"]}),
    # the date of an agency dateline dates the report, not the event
    ("KYIV, Nov 17 (Reuters) - Russian drones hit a power plant in Kyiv.", "strike",
     {"target": ["a power plant"], "date": None}),
    # gunfire without a weapon named: "opened fire on", "returned fire", "fired on"
    ("Azerbaijani forces opened fire on Armenian positions near Khnatsakh.", "strike",
     {"agent": ["Azerbaijani forces"], "target": ["Armenian positions"]}),
    ("Armenian units returned fire.", "strike", {"agent": ["Armenian units"]}),
    ("Gang members fired on an army supply boat.", "strike", {"target": ["an army supply boat"]}),
    # the actor before the first of coordinated weapons that are the subject
    ("Russian missiles and glide bombs pound Zaporizhzhia.", "strike", {"agent": ["Russian"]}),
    # a weapon after a damage word was hit, not used
    ("Ukrainian forces struck the Saky airfield, hitting a fighter jet and an ammunition depot.", "strike",
     {"agent": ["Ukrainian forces"], "target": ["the Saky airfield"], "weapon": None}),
    # the group claiming responsibility for a strike, or the by-agent of "was carried out", is its attacker
    ("Al Shabaab claimed responsibility for the attack in a statement on its radio station.", "strike",
     {"agent": ["Al Shabaab"]}),
    ("The Pentagon said the Conoco attack was carried out by Kata'ib Hezbollah.", "strike",
     {"agent": ["Kata'ib Hezbollah"]}),
    # a named backer's group is the attacker, not the backer
    ("Iran-backed groups have conducted more than 170 attacks against U.S. forces.", "strike",
     {"agent": ["Iran-backed groups"], "target": ["U.S. forces"]}),
    # a weapon named inside the target was hit, not used
    ("Near Bakhmut, one strike destroyed a Russian tank.", "strike",
     {"target": ["a Russian tank"], "weapon": None, "place": ["Bakhmut"]}),
]


@pytest.mark.parametrize("text, etype, expected", CASES)
def test_event_roles(nlp, text, etype, expected):
    evs = [e for e in events_of(nlp, text) if e.type == EventType(etype)]
    assert len(evs) == 1, [(e.type.value, roles(e)) for e in events_of(nlp, text)]
    got = roles(evs[0])
    for role, texts in expected.items():
        assert got.get(role) == texts, (role, got)


@pytest.mark.parametrize("text, etype", [
    # precision traps: sports, labour strikes, ratings, intentions, nouns without arguments, questions
    ("India Battles Australia in a High-Stakes Clash at the Gabba", "strike"),
    ("Workers went on strike over pay.", "strike"),
    ("Moody's Downgrades France: A Fiscal Crossroads", "strike"),
    ("Liverpool's attack struck twice in the second half to beat Chelsea.", "strike"),
    ("Teachers strike over pay in Kenya.", "strike"),
    ("The striker's attack on goal was saved in the first half of the match.", "strike"),
    ("Troops gathered for an assault on the town.", "strike"),
    ("Units were integrated to target Ukrainian positions.", "strike"),
    ("While the impact of these deployments remains uncertain, analysts disagree.", "deployment"),
    ("Are North Korean Troops Fighting For Russia?", "deployment"),
    ("It was reported that the talks failed.", "statement"),
    # an unnamed possessor ("the regime's") leaves the attacker unknown, not the condemning UN
    ("The UN condemned the regime's indiscriminate bombing campaign.", "strike"),
    ("According to reports, the talks failed.", "statement"),
    ("According to sources, the talks failed.", "statement"),
    ("According to a couple sources, the talks failed.", "statement"),
    ("Sources said the talks failed.", "statement"),
    ("Several of the sources said so.", "statement"),
    # a negated speech verb says nothing; "what they describe as" labels a thing
    ("The RSF did not claim responsibility for the attacks.", "statement"),
    ("The group has never said where its fighters are.", "statement"),
    ("The Houthis attack ships in what they describe as solidarity with Gaza.", "statement"),
    # a clause before the verb is no unnamed source
    ("The man who fired the rocket said nothing.", "statement"),
    ("These reports said nothing new.", "statement"),
    ("Media reports are a poor approximation of reality.", "statement"),
    ("The United States condemns the attack in Baghdad claimed by Daesh.", "statement"),
    # "…, accuses X of …" after a comma: X is the object, not a speaker after the verb
    ("The complaint, filed with the housing department, accuses HANO of violating an agreement.", "statement"),
    # "code named", "named after": no appointment
    ("Two Iraqi scientists, code named Charlie and Alpha, are helping the coalition.", "appointment"),
    ("The operation was named after General Mark Smith.", "appointment"),
    ("He once met a man named Vladimir Putin in Dresden.", "appointment"),
    ("An orphaned, two-month old African elephant named Olly got a ride.", "appointment"),
    # idioms, dismissals, weapons' and units' names, weapons used for no target, deployments of nobody
    ("The salad bar is hit and miss.", "strike"),
    # a denied attack, a target that is "No …", a prepositional phrase before "reports"
    ("The RSF has repeatedly denied targeting civilians.", "strike"),
    ('"No Pakistani military facility was targeted."', "strike"),
    ("By Our Correspondent, with agency reports", "statement"),
    ("The freighter was intercepted by Indian naval vessels.", "strike"),
    ("They wanted to name their new company after themselves.", "appointment"),
    ("Iraqi forces maintained their defensive positions against the fighters.", "deployment"),
    # a singular noun without its determiner is no unnamed attacker ("terrorist attack" is the noun)
    ("The city mourned after the senseless terrorist attack.", "strike"),
    ("She got fired because she took an art class.", "strike"),
    ("Two car bombs were discovered before they could be detonated.", "strike"),
    ("The air force has ten fighter/attack squadrons.", "strike"),
    ("No one can account for 200,000 assault rifles.", "strike"),
    ("Ukraine uses drones for reconnaissance.", "strike"),
    ("Islamabad accuses New Delhi of using its consulates in Kandahar to train insurgents.", "strike"),
    ("Like UFOs, several people claimed to see lone wolves in Yellowstone.", "statement"),
    ("Missile batteries could raise havoc with any fleet deployed below.", "deployment"),
    ("The involvement of a nuclear power in the war against Ukraine threatens to expand it.", "statement"),
    # a denied claim of responsibility names no attacker
    ("The RSF did not claim responsibility for Thursday's attacks.", "strike"),
    # "fired" without a weapon or a target after on/at
    ("The company fired at least 20 workers.", "strike"),
    ("He was fired on Monday.", "strike"),
    # ordered or kept without a place the forces go to or stay in
    ("Putin ordered troops to withdraw from Kherson.", "deployment"),
    ("The army kept its troops on alert.", "deployment"),
])
def test_no_event(nlp, text, etype):
    assert [e for e in events_of(nlp, text) if e.type == EventType(etype)] == []


@pytest.mark.parametrize("text, expected", [
    # two attackers in two clauses: two strikes, each with its own weapons
    ("Israeli jets pound south Lebanon after Hezbollah rocket barrage",
     [{"agent": ["Israeli"], "place": ["Lebanon"], "target": None, "weapon": ["jets"]},
      {"agent": ["Hezbollah"], "weapon": ["rocket"]}]),
    ("Russia pounds Ukraine's energy grid with missiles and drones; Kyiv hits Tuapse refinery",
     [{"agent": ["Russia"], "target": ["Ukraine's energy grid"], "weapon": ["missiles", "drones"]},
      {"agent": ["Kyiv"], "target": ["Tuapse refinery"]}]),
    # a strike noun as the verb's subject lends its attacker
    ("Israeli strike hits near Damascus; Turkish drones target SDF in northeast Syria",
     [{"agent": ["Israeli"], "place": ["Damascus"]}, {"agent": ["Turkish"], "target": ["SDF"], "weapon": ["drones"]}]),
    ("junta jets pound Sagaing villages; resistance drones target air base near Naypyitaw",
     [{"agent": ["junta"], "place": ["Sagaing"]}, {"agent": ["resistance"], "place": ["Naypyitaw"]}]),
    # one attacker, or no separating word: one strike
    ("Israeli jets struck Hezbollah positions in an attack near Tyre.", [{"agent": ["Israeli"]}]),
    ("Hezbollah said Israeli jets struck its positions in an attack it condemned.", [{"agent": ["Israeli"]}]),
])
def test_strikes_of_different_attackers_in_one_sentence(nlp, text, expected):
    """Strikes of a sentence, in order, with the expected texts of their roles."""
    strikes = [roles(e) for e in events_of(nlp, text) if e.type == EventType.STRIKE]
    assert len(strikes) == len(expected), strikes
    for got, want in zip(strikes, expected):
        for role, texts in want.items():
            assert got.get(role) == texts, (role, got)


@pytest.mark.parametrize("text, expected", [
    # two speakers, each with content of their own: two statements, dates on their own side
    ("Iran's foreign minister Abbas Araghchi said the strikes were illegal, while Israeli army spokesman "
     "Daniel Hagari said the targets were military sites.",
     [{"speaker": ["Abbas Araghchi"], "content": ["the strikes were illegal"]},
      {"speaker": ["Daniel Hagari"], "content": ["the targets were military sites"]}]),
    ("\"We will respond,\" Araghchi said on Sunday, and Hagari said the army was ready.",
     [{"speaker": ["Araghchi"], "content": ["We will respond"], "date": ["on Sunday"]},
      {"speaker": ["Hagari"], "content": ["the army was ready"], "date": None}]),
    # one speaker inside the other's content, or one speaker twice: one statement
    ("Araghchi said Hagari had claimed the targets were military sites.",
     [{"speaker": ["Araghchi"], "content": ["Hagari had claimed the targets were military sites"]}]),
    ("Zelensky said the front was holding and said more air defence was needed.", [{"speaker": ["Zelensky"]}]),
    # "according to" after a label or a date: the content follows the speaker
    ("In 2001, according to army officials, security forces found huge caches of arms.",
     [{"speaker": ["army officials"], "content": ["security forces found huge caches of arms"]}]),
    ("Fighting has displaced more than 700,000 people since January, according to the UN refugee agency.",
     [{"content": ["Fighting has displaced more than 700,000 people since January"]}]),
    # the subject before a relative clause or an apposition
    ("The EU mission, which has about 200 observers on the border, said its patrols had heard gunfire.",
     [{"speaker": ["The EU mission"], "content": ["its patrols had heard gunfire"]}]),
    ("The U.N. Mission in South Sudan, known as UNMISS, said that it was alarmed by the fighting.",
     [{"speaker": ["The U.N. Mission in South Sudan"], "content": ["it was alarmed by the fighting"]}]),
    # a closing frame with a relative clause or a name in apposition; "told X" names the recipient
    ("“We buried 12 of them,” one resident, who asked not to be named, told AFP by satellite phone.",
     [{"speaker": ["one resident"], "content": ["We buried 12 of them"]}]),
    ("Shells hit houses in the valley, a local administrator, John Mehmood, told The Associated Press.",
     [{"speaker": ["John Mehmood"], "content": ["Shells hit houses in the valley"]}]),
    ("\"Look at the photographs,\" John Bangs, wolf recovery coordinator for the service, said.",
     [{"speaker": ["John Bangs"], "content": ["Look at the photographs"]}]),
    # a reporting participle after a closing frame: the content precedes the frame
    ("Israeli jets struck radars in Iran, the military said, adding that all aircraft had returned safely.",
     [{"content": ["Israeli jets struck radars in Iran"]}]),
    # a person between commas after a title phrase
    ("The Foreign Secretary, Boris Johnson, said the attack was abhorrent.",
     [{"speaker": ["Boris Johnson"], "content": ["the attack was abhorrent"]}]),
    # the name before its acronym; a tail after the frame ("speaking on condition of anonymity")
    ("The UN Support Mission in Libya (UNSMIL) said it was alarmed by the fighting.",
     [{"speaker": ["The UN Support Mission in Libya"], "content": ["it was alarmed by the fighting"]}]),
    ("The army sent more troops to Bannu, a senior security official said, speaking on condition of anonymity.",
     [{"speaker": ["a senior security official"], "content": ["The army sent more troops to Bannu"]}]),
    # "it said" stands for the institution that spoke last (not for a person)
    ("The army said 15 drones were launched at the base. Four of them were shot down, it said.",
     [{"speaker": ["The army"]}, {"speaker": ["The army"], "content": ["Four of them were shot down"]}]),
    ("President Zelensky said the front held. It was quiet, it said.", [{"speaker": ["Zelensky"]}]),
    # a distance apposition; the name in an apposition to an unnamed subject; a centre as a source
    ("Residents of Monguno, about 100 km away, said they heard explosions.",
     [{"speaker": ["Residents of Monguno"], "content": ["they heard explosions"]}]),
    ("Its media wing, the Inter-Services Public Relations (ISPR), said troops had responded.",
     [{"speaker": ["Inter-Services Public Relations"], "content": ["troops had responded"]}]),
    ("The Health Ministry's emergency medicine centre said at least nine people were killed.",
     [{"speaker": ["The Health Ministry's emergency medicine centre"]}]),
    # a participle phrase between the subject and the verb; "that" after a tail is not the verb's
    ("A Somali intelligence official, speaking on condition of anonymity, said a senior commander was among "
     "the dead.", [{"speaker": ["A Somali intelligence official"], "content": ["a senior commander was among the dead"]}]),
    ("Rwanda has deployed 1,000 soldiers to Cabo Delgado, the army said on Thursday, after a string of attacks "
     "on towns that had been retaken.", [{"speaker": ["the army"], "content": ["Rwanda has deployed 1,000 soldiers to Cabo Delgado"]}]),
    ("President Putin admitted on Sept. 10, 2002, that the motive was oil.", [{"content": ["the motive was oil"]}]),
    # "according to" a title and a name, an acronym; an inverted frame up to the comma
    ("At least 27 people were killed, according to Upper Nile information commissioner Gabriel Ajak.",
     [{"speaker": ["Gabriel Ajak"], "content": ["At least 27 people were killed"]}]),
    ("Gang members fired on an army supply boat, according to the GDF.",
     [{"speaker": ["GDF"], "content": ["Gang members fired on an army supply boat"]}]),
    ("A monastery was destroyed, said a member of the Kani People's Defence Force, who asked not to be named.",
     [{"speaker": ["a member of the Kani People's Defence Force"], "content": ["A monastery was destroyed"]}]),
    ("Ten died, according to OCHA figures.", [{"speaker": ["OCHA"], "content": ["Ten died"]}]),
])
def test_statement_readings(nlp, text, expected):
    """Statements of a sentence, in order, with the expected texts of their roles."""
    said = [roles(e) for e in events_of(nlp, text) if e.type == EventType.STATEMENT]
    assert len(said) == len(expected), said
    for got, want in zip(said, expected):
        for role, texts in want.items():
            assert got.get(role) == texts, (role, got)


@pytest.mark.parametrize("text, etype", [
    # words of the sports, labour and finance traps that conflict news uses too
    ("Russian missiles struck the capital Kyiv overnight.", "strike"),
    ("An Israeli strike killed five aid workers in Gaza.", "strike"),
    ("The European Union condemned the Russian strikes on Odesa.", "strike"),
    ("The General Staff said Russian troops were deployed to the border.", "deployment"),
    ("Ukrainian drones struck refineries that earn Russia oil revenue.", "strike"),
    ("Russia's goal is clear: its troops were deployed to Kursk this season.", "deployment"),
])
def test_conflict_words_shared_with_traps(nlp, text, etype):
    assert [e for e in events_of(nlp, text) if e.type == EventType(etype)]


def test_pronoun_resolves_to_appointee(nlp):
    text = ("General Oleksandr Tarnavskiy has been appointed to lead the defence of Donetsk. "
            "He replaces General Oleksandr Lutsenko.")
    evs = [e for e in events_of(nlp, text) if e.type == EventType.APPOINTMENT]
    assert len(evs) == 2
    assert roles(evs[1]) == {"person": ["Oleksandr Tarnavskiy"], "replaces": ["Oleksandr Lutsenko"]}


def test_region_anaphora_links_to_last_region(nlp):
    text = "Fighting continued in the Kursk region. Around 11,000 North Korean soldiers are present in the region."
    evs = [e for e in events_of(nlp, text) if e.type == EventType.DEPLOYMENT]
    place = [a for a in evs[0].args if a.role == "place"][0]
    assert place.text == "the region"
    assert place.entity_id == "region/538555"


def test_quote_spanning_sentences_gets_the_closing_speaker(nlp):
    text = ("“Currently, 11,000 North Korean soldiers are located in Kursk Oblast. "
            "Some of these soldiers are already suffering casualties,” Zelenskyy said at a press conference.")
    evs = [e for e in events_of(nlp, text) if e.type == EventType.STATEMENT]
    assert sorted((roles(e)["speaker"][0], roles(e)["content"][0]) for e in evs) == [
        ("Zelenskyy", "Currently, 11,000 North Korean soldiers are located in Kursk Oblast."),
        ("Zelenskyy", "Some of these soldiers are already suffering casualties"),
    ]


@pytest.mark.parametrize("text, expected", [
    # a whole quotation right after a quoted statement goes on with the same speaker
    ("“The situation is extremely difficult,” Syrskyi said. “The enemy is attacking in several directions.”",
     [("Syrskyi", "The situation is extremely difficult"),
      ("Syrskyi", "The enemy is attacking in several directions")]),
    # not across a paragraph break, and not after a statement without a quotation
    ("“The situation is extremely difficult,” Syrskyi said.\n\n“The enemy is attacking in several directions.”",
     [("Syrskyi", "The situation is extremely difficult")]),
    ("Syrskyi said the situation was difficult. “The enemy is attacking in several directions.”",
     [("Syrskyi", "the situation was difficult")]),
])
def test_quote_continues_after_its_frame(nlp, text, expected):
    evs = [e for e in events_of(nlp, text) if e.type == EventType.STATEMENT]
    assert [(e.get("speaker")[0].text, e.get("content")[0].text) for e in evs] == expected


def test_content_at_the_end_of_a_paragraph_keeps_no_period(nlp):
    evs = events_of(nlp, "Chad denied allowing weapons to cross its territory.\n\nTalks resumed.")
    assert [roles(e)["content"] for e in evs if e.type == EventType.STATEMENT] == [
        ["allowing weapons to cross its territory"]]


def test_offsets_index_the_text(nlp):
    text = "Headline\n\nRussia has deployed North Korean troops to the Kursk region."
    ev = events_of(nlp, text)[0]
    assert text[ev.sentence.start:ev.sentence.end] == ev.sentence.text
    for a in ev.args:
        assert text[a.start:a.end] == a.text


@pytest.mark.parametrize("text, ent, opening", [
    # an agency dateline before the story: its place is no actor of the sentence
    ("KYIV, Nov 17 (Reuters) - Russian drones hit Kyiv.", (0, 1, "GPE"), "Russian"),
    # a place in capitals and a colon, even where the NER reads it as an organisation
    ("BEIRUT: Israeli warplanes struck two crossings.", (0, 1, "ORG"), "Israeli"),
    # capitals and a colon that name no place: no dateline
    ("NATO: Russian jets struck two crossings.", (0, 1, "ORG"), "NATO"),
    ("NATO - the alliance met.", (0, 1, "ORG"), "NATO"),
    # capitals and a dash alone: a dateline when they name a place ("GAZA — ", "RIYADH/ADEN — ")
    ("RIYADH/ADEN — Saudi jets struck two sites.", (0, 1, "ORG"), "Saudi"),
    ("GAZA — Israeli jets struck a school.", (0, 1, "GPE"), "Israeli"),
])
def test_dateline_opening(nlp, text, ent, opening):
    from spacy.tokens import Span

    from kg.nlp.context import Context

    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, ent[0], ent[1], label=ent[2])]
    ctx = Context(doc, doc[:], {}, list(doc.ents), doc.text)
    assert ctx.opening.text == opening


@pytest.mark.parametrize("text, ent, place", [
    # an unknown name the NER calls an organisation, after "to"/"in": a town the gazetteer lacks
    ("Troops were sent to Jermuk.", (4, 5), "Jermuk"),
    ("Ships sailed to Kinmen Island.", (3, 5), "Kinmen Island"),
    # an acronym, an institution's head word, a known organisation: no place
    ("Troops were sent to NATO.", (4, 5), None),
    ("Troops were sent to Defence Ministry.", (4, 6), None),
])
def test_unlinked_organisation_after_place_preposition(nlp, text, ent, place):
    from spacy.tokens import Span

    from kg.nlp.context import PLACE_LABELS, Context

    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, ent[0], ent[1], label="ORG")]
    ctx = Context(doc, doc[:], {}, list(doc.ents), doc.text)
    got = ctx.after_prep(0, {"to"}, PLACE_LABELS)
    assert (got.text if got is not None else None) == place


@pytest.mark.parametrize("text, expected", [
    # two deployers in two clauses: two deployments, each with its own places
    ("Russia sent troops to Kursk; Belarus moved tanks to Brest.",
     [{"agent": ["Russia"], "forces": ["troops"], "place": ["Kursk"]},
      {"agent": ["Belarus"], "forces": ["tanks"], "place": ["Brest"]}]),
    # one deployer: one deployment
    ("Russia sent troops to Kursk and moved tanks to Belgorod.", [{"agent": ["Russia"]}]),
])
def test_deployments_of_different_agents_in_one_sentence(nlp, text, expected):
    sent = [roles(e) for e in events_of(nlp, text) if e.type == EventType.DEPLOYMENT]
    assert len(sent) == len(expected), sent
    for got, want in zip(sent, expected):
        for role, texts in want.items():
            assert got.get(role) == texts, (role, got)


@pytest.mark.parametrize("text, place", [
    # a border is the place when no name follows it
    ("Israel moved a reserve brigade to the northern border.", ["northern border"]),
    ("Chad deploys troops to eastern border after the attack.", ["eastern border"]),
    ("Venezuela sent troops to the Essequibo border.", ["Essequibo border"]),
    ("Defensive units had been sent to the border.", ["border"]),
    ("Brazil will send troops to the border region.", ["border region"]),
    # a name after it is the place: "with", and "of" after a border town
    ("Finland sent troops to the border with Russia.", ["Russia"]),
    ("Chad sent 2,000 soldiers to the border town of Adré.", ["Adré"]),
    # a name later in the sentence, or before the verb, beats the border
    ("Russia moved troops to the border near Kharkiv.", ["Kharkiv"]),
    ("In the Kursk region, Russia deployed troops along the border.", ["Kursk region"]),
    # no border noun: no place from this rule
    ("Chad sent 2,000 soldiers to the northern hills.", None),
])
def test_border_is_the_place(nlp, text, place):
    (dep,) = [e for e in events_of(nlp, text) if e.type == EventType.DEPLOYMENT]
    assert roles(dep).get("place") == place


@pytest.mark.parametrize("text, etype, role, value", [
    # present-tense headline verbs ("X moves troops", "X taps Y as …")
    ("Venezuela moves troops to the Essequibo border", "deployment", "agent", ["Venezuela"]),
    ("Turkey reinforces its troops in Idlib", "deployment", "place", ["Idlib"]),
    ("Biden taps Lloyd Austin as defence secretary", "appointment", "person", ["Lloyd Austin"]),
    ("Putin promotes Valery Gerasimov to chief of the general staff", "appointment", "person", ["Valery Gerasimov"]),
    ("The Kremlin admits that Russian troops are in Crimea", "statement", "speaker", ["Kremlin"]),
])
def test_present_tense_trigger_forms(nlp, text, etype, role, value):
    evs = [e for e in events_of(nlp, text) if e.type.value == etype]
    assert evs and roles(evs[0]).get(role) == value, [(e.type.value, roles(e)) for e in events_of(nlp, text)]


@pytest.mark.parametrize("text, forces", [
    # an organisation's name before a force noun: the forces it names
    ("NATO sends 400 more KFOR troops to Kosovo.", ["KFOR troops"]),
    ("Kenya sent 1,000 AU troops to Mogadishu.", ["AU troops"]),
    # vessels and batteries sent bare, and platforms as a passive subject
    ("The coast guard deployed three more vessels to the shoal.", ["vessels"]),
    ("Two fighter jets were moved to the Ladjevci air base.", ["fighter jets"]),
    ("Two Patriot batteries were sent to Poland.", ["Patriot batteries"]),
])
def test_deployed_forces_named_by_organisation_or_platform(nlp, text, forces):
    (dep,) = [e for e in events_of(nlp, text) if e.type == EventType.DEPLOYMENT]
    assert roles(dep).get("forces") == forces


@pytest.mark.parametrize("text", [
    "The letter bombs were sent to two newspapers.",  # munitions sent are no deployment
    "Two missiles were sent toward the city.",
])
def test_munitions_sent_are_no_deployment(nlp, text):
    assert [e for e in events_of(nlp, text) if e.type == EventType.DEPLOYMENT] == []


@pytest.mark.parametrize("text, weapon", [
    # the platform that fired and what it fired
    ("A Chinese coast guard ship fired a water cannon at the supply boat.", ["coast guard ship", "water cannon"]),
    ("Russia struck Kharkiv with S-300 missiles.", ["S-300", "missiles"]),
])
def test_weapons_of_the_lexicon(nlp, text, weapon):
    (st,) = [e for e in events_of(nlp, text) if e.type == EventType.STRIKE]
    assert roles(st).get("weapon") == weapon


@pytest.mark.parametrize("text, quantity", [
    # a quantity in digits keeps its text and offsets; one in words is given as its number
    ("Russia sent 3,000 troops to Kursk.", {"text": "3,000", "start": 12, "end": 17, "label": "3000", "value": 3000,
                                            "qualifier": "exact"}),
    ("Russia sent two battalions to Kursk.", 2),
])
def test_quantity_in_the_prediction_format(nlp, text, quantity):
    (dep,) = [e for e in events_of(nlp, text) if e.type == EventType.DEPLOYMENT]
    assert dep.to_json()["args"]["quantity"] == quantity


@pytest.mark.parametrize("text, etype, expected", [
    # ambushes are strikes
    ("JNIM fighters ambushed a convoy near Gao.", "strike", {"target": ["a convoy"], "place": ["Gao"]}),
    ("Soldiers were killed in an ambush on their convoy near Tamou.", "strike", {"target": ["their convoy"]}),
    # a unit named with its kind and then its size
    # (the kind of a unit needs the tagger: tests/test_model.py)
    ("Mali will send a force of 5,000 troops to Tillaberi.", "deployment",
     {"forces": ["force"], "quantity": ["5,000"], "place": ["Tillaberi"]}),
    ("Russia sent 600 additional troops to Kursk.", "deployment", {"forces": ["troops"], "quantity": ["600"]}),
    # "according to" a name with its acronym in brackets; the speaker is no coordinated agent
    ("According to the Armed Forces of the Philippines (AFP), China has deployed 11 vessels.", "statement",
     {"speaker": ["Armed Forces of the Philippines"]}),
    ("According to the AFP, China has deployed 11 vessels.", "deployment", {"agent": ["China"]}),
])
def test_ambushes_units_and_acronym_sources(nlp, text, etype, expected):
    check_roles(nlp, text, etype, expected)


@pytest.mark.parametrize("text, etype, expected", [
    # a name with its acronym, then an apposition, before the speech verb
    ("The Inter-Services Public Relations (ISPR), the military's media wing, said the strikes hit camps.",
     "statement", {"speaker": ["The Inter-Services Public Relations"]}),
    # a closing frame: the titled person apposed to the title phrase speaks, not the organisation
    ("The contingent was sent to Paldiski, a spokesman for the British Army, Major Tom Ellery, said.",
     "statement", {"speaker": ["Tom Ellery"], "content": ["The contingent was sent to Paldiski"]}),
    # "took over as": the subject takes the post; the predecessor after a country's possessive and titles
    ("Major General Julius Okello took over as force commander on Monday, succeeding Kenya's Lieutenant "
     "General Peter Mwangi.", "appointment",
     {"person": ["Julius Okello"], "role": ["force commander"], "replaces": ["Peter Mwangi"]}),
    # offensives are strikes; gunships are weapons
    ("The Arakan Army launched a fresh offensive against two junta bases.", "strike",
     {"target": ["two junta bases"], "agent": ["Arakan Army"]}),
    ("Army gunships pounded militant hideouts near Gao.", "strike",
     {"weapon": ["gunships"], "target": ["militant hideouts"]}),
])
def test_frames_posts_and_offensives(nlp, text, etype, expected):
    check_roles(nlp, text, etype, expected)


@pytest.mark.parametrize("text, etype, expected", [
    # "dispatch of" forces, with the possessive sender (not a by-agent of another verb)
    ("Djibouti's dispatch of 1,000 soldiers to Beledweyne, approved by the AU, is expected soon.", "deployment",
     {"forces": ["soldiers"], "quantity": ["1,000"], "agent": ["Djibouti"]}),
    # troop rotations are deployments; "stepped up attacks" names the attacker
    ("Kenya rotates troops in Kismayo.", "deployment", {"forces": ["troops"], "agent": ["Kenya"]}),
    ("Al-Shabaab stepped up attacks on army bases.", "strike", {"agent": ["Al-Shabaab"], "target": ["army bases"]}),
])
def test_dispatches_rotations_and_stepped_up_attacks(nlp, text, etype, expected):
    check_roles(nlp, text, etype, expected)


def test_the_influx_of_fighters_is_no_deployment(nlp):
    assert [e for e in events_of(nlp, "They work on reducing the influx of fighters.")
            if e.type == EventType.DEPLOYMENT] == []


@pytest.mark.parametrize("text, etype, expected", [
    # the size of a unit after "of", past a nationality
    # (a unit's size after "of" past a nationality: tests/test_model.py)
    # an inverted frame's source ends at its relative clause
    ('"They burned everything," said a local resident who asked not to be named.', "statement",
     {"speaker": ["a local resident"], "content": ["They burned everything"]}),
    # "off" a coast town is the place
    ("Houthi drones struck a tanker off Hodeidah.", "strike", {"target": ["a tanker"], "place": ["Hodeidah"]}),
])
def test_unit_sizes_inverted_sources_and_offshore_places(nlp, text, etype, expected):
    check_roles(nlp, text, etype, expected)
